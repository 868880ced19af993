import { codes, deployment, pod, run, suppress } from './_fixtures';

describe('IST0135 DeprecatedAnnotation', () => {
  test('reports a deprecated annotation', () => {
    expect(codes('IST0135', [deployment({}, { 'sidecar.istio.io/statsInclusionPrefixes': 'cluster.outbound' })])).toEqual(['IST0135 Deployment shop/d']);
  });
  test('reports the inject annotation, pointing to the label', () => {
    expect(run('IST0135', [pod({ 'sidecar.istio.io/inject': 'true' })])[0].message).toContain('in favor of the sidecar.istio.io/inject label');
  });
  test('accepts the inject annotation beside the inject label', () => {
    const p: any = pod({ 'sidecar.istio.io/inject': 'true' });
    p.metadata.labels = { 'sidecar.istio.io/inject': 'true' };
    expect(codes('IST0135', [p])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0135', [pod({ 'sidecar.istio.io/inject': 'true', ...suppress('IST0135') })])).toEqual([]);
  });
});
