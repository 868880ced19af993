import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

export const suppress = (id: string) => ({ [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) });
export const injected = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } };
export const deployment = (annotations?: any) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'x' }] } } },
});
export const svc = (name: string, ports: any[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { selector: { app: 'api' }, ports } });
export const run = (id: string, m: any[]) => MeshAnalysis.analyze(m, { rules: [id] }).active;
export const codes = (id: string, m: any[]) => run(id, m).map((f) => `${f.code} ${f.resource}`);
