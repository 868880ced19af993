import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const deployment = (podSecurity: any, containerSecurity: any, annotations?: any) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'payments', ...(annotations ? { annotations } : {}) },
  spec: { template: { metadata: { labels: { app: 'api' } }, spec: { securityContext: podSecurity, containers: [{ name: 'api', image: 'x', securityContext: containerSecurity }] } } },
});
const codes = (manifests: any[]) => MeshAnalysis.analyze(manifests, { rules: ['IST0144'] }).active.map((f) => `${f.code} ${f.resource}`);

describe('IST0144 InvalidApplicationUID', () => {
  test('reports a pod template that runs as 1337', () => {
    expect(codes([deployment({ runAsUser: 1337 }, {})])).toEqual(['IST0144 Deployment payments/api']);
  });

  test('reports a container that runs as 1337', () => {
    expect(codes([deployment({}, { runAsUser: 1337 })])).toEqual(['IST0144 Deployment payments/api']);
  });

  test('reports a Pod that runs as 1337', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { securityContext: { runAsUser: 1337 }, containers: [] } };
    expect(codes([pod])).toEqual(['IST0144 Pod p']);
  });

  test('accepts other user IDs', () => {
    expect(codes([deployment({ runAsUser: 1000 }, { runAsUser: 1001 })])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0144', reason: 'runs without a sidecar on purpose' }]) };
    expect(codes([deployment({ runAsUser: 1337 }, {}, annotations)])).toEqual([]);
  });
});
