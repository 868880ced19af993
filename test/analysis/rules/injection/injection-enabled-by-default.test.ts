import { codes, injectorConfig, ns, run, suppress } from './_fixtures';

describe('IST0148 NamespaceInjectionEnabledByDefault', () => {
  test('reports an unlabelled namespace when the injector enables namespaces by default', () => {
    expect(codes('IST0148', [ns('shop'), injectorConfig(true)])).toEqual(['IST0148 Namespace shop']);
    expect(run('IST0148', [ns('shop'), injectorConfig(true)])[0].message).toContain('by default');
  });
  test('accepts labelled namespaces and installs that do not inject by default', () => {
    expect(codes('IST0148', [ns('a', { 'istio-injection': 'enabled' }), injectorConfig(true)])).toEqual([]);
    expect(codes('IST0148', [ns('shop'), injectorConfig(false)])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0148', [ns('shop', {}, suppress('IST0148')), injectorConfig(true)])).toEqual([]);
  });
});
