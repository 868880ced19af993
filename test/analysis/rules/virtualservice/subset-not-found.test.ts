import { findings, messages, suppress, suppressed, vs } from './_fixtures';
import { SUBSET_NOT_FOUND as RULE } from '../../../../lib/analysis/rules/virtualservice/subset-not-found';

const dr = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'payments' },
  spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
};
const route = (destination: any, mirror?: any) => ({ http: [{ route: [{ destination }], ...(mirror ? { mirror } : {}) }] });

describe('IST0101 (DestinationRuleAnalyzer) subset not found', () => {
  test('reports a route to a subset no DestinationRule defines', () => {
    const manifests = [dr, vs('r', route({ host: 'reviews', subset: 'v2' }))];
    expect(findings(RULE, manifests)).toEqual(['IST0101 VirtualService payments/r']);
    expect(messages(RULE, manifests)[0]).toContain("subset 'v2' of host 'reviews'");
  });

  test('reports a mirror to an undefined subset', () => {
    expect(findings(RULE, [dr, vs('r', route({ host: 'reviews', subset: 'v1' }, { host: 'reviews', subset: 'shadow' }))]))
      .toEqual(['IST0101 VirtualService payments/r']);
  });

  test('reports a subset defined for the same short name in another namespace', () => {
    expect(findings(RULE, [dr, vs('r', route({ host: 'reviews', subset: 'v1' }), 'shop')])).toEqual(['IST0101 VirtualService shop/r']);
  });

  test('accepts defined subsets by short name or FQDN, and destinations without subset', () => {
    expect(findings(RULE, [dr,
      vs('a', route({ host: 'reviews', subset: 'v1' })),
      vs('b', route({ host: 'reviews.payments.svc.cluster.local', subset: 'v1' }), 'shop'),
      vs('c', route({ host: 'reviews' }))])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [dr, vs('r', route({ host: 'reviews', subset: 'v2' }), 'payments', suppress('IST0101'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0101 VirtualService payments/r']);
  });
});
