import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const policy = (kind: string, group: string, spec: any, annotations?: any) => ({
  apiVersion: `${group}/v1`,
  kind,
  metadata: { name: 'p', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec,
});
const bySelector = { selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'web' } } };
const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
};
const gatewayPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-istio-1', namespace: 'shop', labels: { 'gateway.networking.k8s.io/gateway-name': 'web' } },
  spec: { containers: [] },
};
const run = (m: any[]) => MeshAnalysis.analyze(m, { rules: ['IST0166'] }).active;
const codes = (m: any[]) => run(m).map((f) => `${f.code} ${f.resource}`);

describe('IST0166 IneffectiveSelector', () => {
  test.each([
    ['AuthorizationPolicy', 'security.istio.io'],
    ['RequestAuthentication', 'security.istio.io'],
    ['Telemetry', 'telemetry.istio.io'],
  ])('reports a %s selecting a Gateway pod by label', (kind, group) => {
    expect(codes([gatewayPod, policy(kind, group, bySelector)])).toEqual([`IST0166 ${kind} shop/p`]);
  });
  test('reports a selector on the pods Istio deploys for a Gateway object', () => {
    expect(codes([gateway, policy('AuthorizationPolicy', 'security.istio.io', bySelector)])).toEqual(['IST0166 AuthorizationPolicy shop/p']);
    expect(run([gateway, policy('AuthorizationPolicy', 'security.istio.io', bySelector)])[0].message).toContain('targetRefs');
  });
  test('accepts targetRefs and selectors of other workloads', () => {
    const targetRefs = { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'web' }] };
    expect(codes([gateway, gatewayPod, policy('AuthorizationPolicy', 'security.istio.io', targetRefs),
      policy('AuthorizationPolicy', 'security.istio.io', { selector: { matchLabels: { app: 'api' } } })])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0166', reason: 'moving to targetRefs next release' }]) };
    expect(codes([gatewayPod, policy('AuthorizationPolicy', 'security.istio.io', bySelector, annotations)])).toEqual([]);
  });
});
