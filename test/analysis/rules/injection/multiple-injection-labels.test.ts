import { codes, ns, run, suppress } from './_fixtures';

describe('IST0123 NamespaceMultipleInjectionLabels', () => {
  test.each([
    [{ 'istio-injection': 'enabled', 'istio.io/rev': 'canary' }],
    [{ 'istio-injection': 'enabled', 'istio.io/dataplane-mode': 'ambient' }],
    [{ 'istio.io/rev': 'canary', 'istio.io/dataplane-mode': 'ambient' }],
  ])('reports competing labels %p', (labels) => {
    expect(codes('IST0123', [ns('shop', labels)])).toEqual(['IST0123 Namespace shop']);
    expect(run('IST0123', [ns('shop', labels)])[0].message).toContain('competing injection labels');
  });
  test('accepts one label, or injection disabled beside another', () => {
    expect(codes('IST0123', [ns('a', { 'istio-injection': 'enabled' }), ns('b', { 'istio-injection': 'disabled', 'istio.io/rev': 'x' })])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0123', [ns('shop', { 'istio-injection': 'enabled', 'istio.io/rev': 'c' }, suppress('IST0123'))])).toEqual([]);
  });
});
