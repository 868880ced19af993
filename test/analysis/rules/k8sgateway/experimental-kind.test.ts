import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const ID = 'CI0020';
const tcpRoute = (annotations?: any) => ({
  apiVersion: 'gateway.networking.k8s.io/v1alpha2',
  kind: 'TCPRoute',
  metadata: { name: 'tcp-echo', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { parentRefs: [{ name: 'gw', sectionName: 'tcp' }], rules: [{ backendRefs: [{ name: 'tcp-echo', port: 9000 }] }] },
});
const codes = (m: any[], rules?: string[]) => MeshAnalysis.analyze(m, { rules }).active.map((f) => `${f.code} ${f.resource}`).sort();

describe('CI0020 ExperimentalGatewayApiKind', () => {
  test('reports a TCPRoute, naming the CRDs and the istiod flag it needs, instead of a schema error', () => {
    const found = MeshAnalysis.analyze([tcpRoute()], { rules: [ID] }).active;
    expect(found.map((f) => `${f.code} ${f.level} ${f.resource}`)).toEqual(['CI0020 warning TCPRoute shop/tcp-echo']);
    expect(found[0].message).toContain('PILOT_ENABLE_ALPHA_GATEWAY_API=true');
    expect(codes([tcpRoute()], ['IST0106'])).toEqual([]);
  });

  test('accepts kinds of the standard channel, TLSRoute v1 among them', () => {
    const tls = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name: 't', namespace: 'shop' },
      spec: { hostnames: ['a.example.com'], parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'a', port: 443 }] }] },
    };
    expect(codes([tls])).toEqual([]);
  });

  test('still reports an unknown version of a standard kind as a schema error', () => {
    const wrong = { ...tcpRoute(), apiVersion: 'gateway.networking.k8s.io/v1', kind: 'TCPRoute' };
    expect(codes([wrong], ['IST0106', ID])).toEqual(['IST0106 TCPRoute shop/tcp-echo']);
  });

  test('is suppressed by an annotation with a reason', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: ID, reason: 'experimental CRDs and the alpha flag are installed' }]) };
    expect(codes([tcpRoute(annotations)], [ID])).toEqual([]);
  });
});
