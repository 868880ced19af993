import { codes, ns, policy, run, suppress } from './_fixtures';

const rules = (source: any) => ({ rules: [{ from: [{ source }] }] });

describe('IST0101 ReferencedResourceNotFound (AuthorizationPolicy)', () => {
  test('reports an unknown namespace and an unmatched notNamespaces pattern', () => {
    const m = [ns('shop'), policy('shop', rules({ namespaces: ['shpo'], notNamespaces: ['prod-*'] }))];
    expect(codes('IST0101', m)).toEqual(['IST0101 AuthorizationPolicy shop/ap', 'IST0101 AuthorizationPolicy shop/ap']);
    expect(run('IST0101', m)[0].message).toContain('"shpo"');
  });
  test('accepts exact names and patterns that match', () => {
    expect(codes('IST0101', [ns('shop'), ns('prod-eu'), policy('shop', rules({ namespaces: ['shop', '*'], notNamespaces: ['prod-*', '*-eu'] }))])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0101', [ns('shop'), policy('shop', rules({ namespaces: ['other'] }), suppress('IST0101'))])).toEqual([]);
  });
});
