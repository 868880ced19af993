import { findings, messages, suppress, suppressed, vs } from './_fixtures';
import { CONFLICTING_MESH_GATEWAY_HOSTS as RULE } from '../../../../lib/analysis/rules/virtualservice/conflicting-mesh-gateway-hosts';

const spec = (hosts: string[], extra: any = {}) => ({ hosts, http: [{ route: [{ destination: { host: hosts[0] } }] }], ...extra });

describe('IST0109 ConflictingMeshGatewayVirtualServiceHosts', () => {
  test('reports two mesh VirtualServices for the same host, short name and FQDN alike', () => {
    const manifests = [vs('a', spec(['reviews'])), vs('b', spec(['reviews.payments.svc.cluster.local']), 'shop')];
    expect(findings(RULE, manifests).sort()).toEqual(['IST0109 VirtualService payments/a', 'IST0109 VirtualService shop/b']);
    expect(messages(RULE, manifests)[0]).toContain("define host 'reviews.payments.svc.cluster.local'");
  });

  test('reports a namespace-local host matched by a wildcard host exported everywhere', () => {
    const manifests = [vs('a', spec(['*.example.com'])), vs('b', spec(['api.example.com'], { exportTo: ['.'] }), 'shop')];
    expect(findings(RULE, manifests).sort()).toEqual(['IST0109 VirtualService payments/a', 'IST0109 VirtualService shop/b']);
  });

  test('accepts VirtualServices bound to gateways only, or exported to different namespaces', () => {
    expect(findings(RULE, [vs('a', spec(['reviews'])), vs('b', spec(['reviews'], { gateways: ['edge'] }))])).toEqual([]);
    expect(findings(RULE, [vs('a', spec(['reviews'], { exportTo: ['.'] })),
      vs('b', spec(['reviews.payments.svc.cluster.local'], { exportTo: ['.'] }), 'shop')])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [vs('a', spec(['reviews']), 'payments', suppress('IST0109')), vs('b', spec(['reviews']))];
    expect(findings(RULE, manifests)).toEqual(['IST0109 VirtualService payments/b']);
    expect(suppressed(RULE, manifests)).toEqual(['IST0109 VirtualService payments/a']);
  });
});
