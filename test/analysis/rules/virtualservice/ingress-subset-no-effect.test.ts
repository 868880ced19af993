import { findings, gateway, messages, suppress, suppressed, vs } from './_fixtures';
import { INGRESS_ROUTE_RULES_NOT_AFFECTED as RULE } from '../../../../lib/analysis/rules/virtualservice/ingress-subset-no-effect';

const meshSplit = vs('ratings', { hosts: ['ratings'], http: [{ route: [{ destination: { host: 'ratings', subset: 'v1' } }] }] });
const ingress = (destination: any, annotations?: Record<string, string>) =>
  vs('edge', { hosts: ['shop.example.com'], gateways: ['istio-system/edge'], http: [{ route: [{ destination }] }] }, 'payments', annotations);

describe('IST0140 IngressRouteRulesNotAffected', () => {
  test('reports a gateway route without subset to a host another VirtualService splits by subset', () => {
    const manifests = [gateway('edge', ['shop.example.com']), meshSplit, ingress({ host: 'ratings' })];
    expect(findings(RULE, manifests)).toEqual(['IST0140 VirtualService payments/edge']);
    expect(messages(RULE, manifests)[0]).toContain('subsets of VirtualService payments/ratings have no effect');
  });

  test('matches hosts by FQDN: a gateway route in another namespace to the split service\'s FQDN is reported', () => {
    const edge = (host: string) => vs('edge', { hosts: ['shop.example.com'], gateways: ['edge'], http: [{ route: [{ destination: { host } }] }] }, 'istio-system');
    expect(findings(RULE, [meshSplit, edge('ratings.payments.svc.cluster.local')])).toEqual(['IST0140 VirtualService istio-system/edge']);
    // A short name in istio-system is ratings.istio-system, another service.
    expect(findings(RULE, [meshSplit, edge('ratings')])).toEqual([]);
  });

  test('accepts a gateway route with a subset, and mesh-only VirtualServices', () => {
    expect(findings(RULE, [meshSplit, ingress({ host: 'ratings', subset: 'v1' })])).toEqual([]);
    const meshOnly = vs('m', { hosts: ['x'], gateways: ['mesh'], http: [{ route: [{ destination: { host: 'ratings' } }] }] });
    expect(findings(RULE, [meshSplit, meshOnly])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [meshSplit, ingress({ host: 'ratings' }, suppress('IST0140'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0140 VirtualService payments/edge']);
  });
});
