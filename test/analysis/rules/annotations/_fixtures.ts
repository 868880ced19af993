import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

export const suppress = (id: string) => ({ [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) });
export const pod = (annotations: Record<string, string>, extra: any = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop', annotations }, spec: { containers: [{ name: 'app', image: 'x' }], ...extra },
});
export const deployment = (annotations: Record<string, string>, templateAnnotations: Record<string, string> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'shop', annotations },
  spec: { template: { metadata: { labels: { app: 'd' }, annotations: templateAnnotations }, spec: { containers: [{ name: 'app', image: 'x' }] } } },
});
export const service = (annotations: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'shop', annotations }, spec: {} });
export const run = (id: string, manifests: any[]) => MeshAnalysis.analyze(manifests, { rules: [id] }).active;
export const codes = (id: string, manifests: any[]) => run(id, manifests).map((f) => `${f.code} ${f.resource}`);
