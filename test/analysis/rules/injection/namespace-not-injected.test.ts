import { codes, injectorConfig, ns, run, suppress } from './_fixtures';

describe('IST0102 NamespaceNotInjected', () => {
  test('reports a namespace without injection labels', () => {
    expect(codes('IST0102', [ns('shop')])).toEqual(['IST0102 Namespace shop']);
    expect(run('IST0102', [ns('shop')])[0].message).toContain('istio-injection=enabled');
  });
  test('accepts labelled, ambient and istio-system namespaces, and installs that inject by default', () => {
    expect(codes('IST0102', [ns('a', { 'istio-injection': 'disabled' }), ns('b', { 'istio.io/rev': 'canary' }),
      ns('c', { 'istio.io/dataplane-mode': 'ambient' }), ns('istio-system')])).toEqual([]);
    expect(codes('IST0102', [ns('shop'), injectorConfig(true)])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0102', [ns('shop', {}, suppress('IST0102'))])).toEqual([]);
  });
});
