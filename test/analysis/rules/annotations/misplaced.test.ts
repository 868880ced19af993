import { codes, deployment, pod, run, service, suppress } from './_fixtures';

describe('IST0107 MisplacedAnnotation', () => {
  test('reports a pod annotation on a Deployment', () => {
    expect(codes('IST0107', [deployment({ 'sidecar.istio.io/proxyCPU': '100m' })])).toEqual(['IST0107 Deployment shop/d']);
    expect(run('IST0107', [deployment({ 'sidecar.istio.io/proxyCPU': '100m' })])[0].message).toContain('applies only to Pod');
  });
  test('reports a Service annotation on a pod template', () => {
    expect(codes('IST0107', [deployment({}, { 'networking.istio.io/exportTo': '.' })])).toEqual(['IST0107 Deployment shop/d']);
  });
  test('reports the ingress class on a Pod', () => {
    expect(codes('IST0107', [pod({ 'kubernetes.io/ingress.class': 'istio' })])).toEqual(['IST0107 Pod shop/p']);
  });
  test('accepts annotations where they belong', () => {
    expect(codes('IST0107', [deployment({}, { 'sidecar.istio.io/proxyCPU': '100m' }), service({ 'networking.istio.io/exportTo': '.' })])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0107', [deployment({ 'sidecar.istio.io/proxyCPU': '100m', ...suppress('IST0107') })])).toEqual([]);
  });
});
