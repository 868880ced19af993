import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

export const suppress = (id: string) => ({ [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) });
export const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'istio-injection': 'enabled' } } });
export const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop' },
  spec: { template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'x' }] } } },
};
export const policy = (namespace: string, spec: any, annotations?: any) => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'ap', namespace, ...(annotations ? { annotations } : {}) },
  spec,
});
export const run = (id: string, m: any[]) => MeshAnalysis.analyze(m, { rules: [id] }).active;
export const codes = (id: string, m: any[]) => run(id, m).map((f) => `${f.code} ${f.resource}`);
