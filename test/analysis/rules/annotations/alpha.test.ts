import { codes, pod, run, service, suppress } from './_fixtures';

describe('IST0136 AlphaAnnotation', () => {
  test('reports an alpha annotation', () => {
    expect(codes('IST0136', [service({ 'networking.istio.io/exportTo': '.' })])).toEqual(['IST0136 Service shop/s']);
    expect(run('IST0136', [service({ 'networking.istio.io/exportTo': '.' })])[0].message).toContain('alpha-phase');
  });
  test('reports the capture annotations on a pod with istio-init', () => {
    expect(codes('IST0136', [pod({ 'sidecar.istio.io/interceptionMode': 'REDIRECT' }, { initContainers: [{ name: 'istio-init' }] })])).toEqual(['IST0136 Pod shop/p']);
  });
  test('skips beta annotations, controller annotations and what istio-cni sets', () => {
    expect(codes('IST0136', [pod({ 'proxy.istio.io/config': '{}', 'istio.io/rev': 'x', 'sidecar.istio.io/interceptionMode': 'REDIRECT' })])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0136', [service({ 'networking.istio.io/exportTo': '.', ...suppress('IST0136') })])).toEqual([]);
  });
});
