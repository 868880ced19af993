import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

export const suppress = (id: string) => ({ [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) });
export const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'shop' }, spec: { selector: { app: 'reviews' }, ports: [{ port: 80 }] } };
export const deployment = (version: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: `reviews-${version}`, namespace: 'shop' },
  spec: { template: { metadata: { labels: { app: 'reviews', version } }, spec: { containers: [{ name: 'r', image: 'x' }] } } },
});
export const dr = (host: string, subsets?: any[], annotations?: any) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { host, ...(subsets ? { subsets } : {}) },
});
export const run = (id: string, m: any[]) => MeshAnalysis.analyze(m, { rules: [id] }).active;
export const codes = (id: string, m: any[]) => run(id, m).map((f) => `${f.code} ${f.resource}`);
