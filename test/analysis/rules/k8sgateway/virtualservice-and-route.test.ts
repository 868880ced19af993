import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const ID = 'CI0009';
const vs = (name: string, ns: string, hosts: string[], extra: any = {}, annotations?: any) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) },
  spec: { hosts, ...extra, http: [{ route: [{ destination: { host: hosts[0] } }] }] },
});
const route = (kind: string, name: string, ns: string, parent: any) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind,
  metadata: { name, namespace: ns },
  spec: { parentRefs: [parent], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] },
});
const toService = (name = 'api', namespace?: string) => ({ group: '', kind: 'Service', name, ...(namespace ? { namespace } : {}), port: 80 });
const run = (m: any[]) => MeshAnalysis.analyze(m, { rules: [ID] }).active;
const codes = (m: any[]) => run(m).map((f) => `${f.code} ${f.resource}`).sort();

describe('CI0009 VirtualServiceAndRouteForSameService', () => {
  test('reports a mesh VirtualService for a short host that a GAMMA HTTPRoute also routes', () => {
    const m = [vs('api', 'shop', ['api']), route('HTTPRoute', 'api', 'shop', toService())];
    expect(codes(m)).toEqual(['CI0009 VirtualService shop/api']);
    expect(run(m)[0].message).toContain('HTTPRoute shop/api is attached to Service shop/api (api.shop.svc.cluster.local)');
    expect(run(m)[0].message).toContain('undefined');
  });

  test('reports an FQDN host from another namespace, and a GRPCRoute', () => {
    const m = [vs('api', 'ops', ['api.shop.svc.cluster.local'], { gateways: ['mesh', 'shop/web'] }), route('GRPCRoute', 'rpc', 'front', toService('api', 'shop'))];
    expect(codes(m)).toEqual(['CI0009 VirtualService ops/api']);
  });

  test('reports a wildcard host that covers the Service', () => {
    expect(codes([vs('all', 'shop', ['*.shop.svc.cluster.local']), route('HTTPRoute', 'api', 'shop', toService())])).toEqual(['CI0009 VirtualService shop/all']);
  });

  test('accepts ingress-only VirtualServices, other hosts, and routes attached to Gateways', () => {
    const m = [
      vs('edge', 'shop', ['api'], { gateways: ['web'] }),
      vs('other', 'shop', ['web']),
      vs('same-name-other-ns', 'ops', ['api']),
      route('HTTPRoute', 'api', 'shop', toService()),
      route('HTTPRoute', 'north', 'shop', { name: 'web-gateway' }),
    ];
    expect(codes(m)).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: ID, reason: 'migration to HTTPRoute in progress' }]) };
    expect(codes([vs('api', 'shop', ['api'], {}, annotations), route('HTTPRoute', 'api', 'shop', toService())])).toEqual([]);
  });
});
