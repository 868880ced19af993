import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const route = (apiVersion: string, kind: string, annotations?: any) => ({
  apiVersion,
  kind,
  metadata: { name: 'r', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'echo', port: 9000 }] }] },
});
const findings = (m: any[]) => MeshAnalysis.analyze(m, { rules: ['CI0011', 'IST0106'] }).active;

describe('CI0011 GatewayApiExperimentalKind', () => {
  test.each([
    ['gateway.networking.k8s.io/v1alpha2', 'TCPRoute'],
    ['gateway.networking.k8s.io/v1alpha2', 'UDPRoute'],
    ['gateway.networking.k8s.io/v1alpha2', 'TLSRoute'],
    ['gateway.networking.k8s.io/v1alpha2', 'GRPCRoute'],
    ['gateway.networking.x-k8s.io/v1alpha1', 'XListenerSet'],
  ])('reports %s %s as experimental, not as a schema error', (apiVersion, kind) => {
    const [f, ...rest] = findings([route(apiVersion, kind)]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'CI0011', level: 'warning', rule: 'k8sgateway/experimental-kind', resource: `${kind} shop/r` });
    expect(f.message).toContain('PILOT_ENABLE_ALPHA_GATEWAY_API=true');
    expect(f.message).toContain('experimental CRDs');
  });

  test('standard kinds and versions are not reported', () => {
    const http = { ...route('gateway.networking.k8s.io/v1', 'HTTPRoute') };
    const grpc = { ...route('gateway.networking.k8s.io/v1', 'GRPCRoute') };
    expect(findings([http, grpc]).filter((f) => f.code === 'CI0011')).toEqual([]);
  });

  test('an unknown version of a standard kind is still a schema error', () => {
    expect(findings([route('gateway.networking.k8s.io/v9', 'HTTPRoute')]).map((f) => f.code)).toEqual(['IST0106']);
  });

  test('is suppressed by an annotation with a reason', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'k8sgateway/experimental-kind', reason: 'the cluster runs the experimental channel' }]) };
    expect(findings([route('gateway.networking.k8s.io/v1alpha2', 'TCPRoute', annotations)])).toEqual([]);
  });
});
