import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

export const suppress = (id: string) => ({ [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) });
export const sidecar = (name: string, namespace: string, labels?: Record<string, string>, annotations?: any) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'Sidecar',
  metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
  spec: { ...(labels ? { workloadSelector: { labels } } : {}), egress: [{ hosts: ['./*'] }] },
});
export const pod = (namespace: string, labels: Record<string, string>, annotations?: any) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace, labels, ...(annotations ? { annotations } : {}) }, spec: { containers: [] } });
export const run = (id: string, m: any[]) => MeshAnalysis.analyze(m, { rules: [id] }).active;
export const codes = (id: string, m: any[]) => run(id, m).map((f) => `${f.code} ${f.resource}`).sort();
