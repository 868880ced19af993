import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

export const suppress = (id: string) => ({ [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) });
export const telemetry = (name: string, namespace: string, spec: any = {}, annotations?: any) => ({
  apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name, namespace, ...(annotations ? { annotations } : {}) }, spec,
});
export const pod = (namespace: string, labels: Record<string, string>) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace, labels }, spec: { containers: [] } });
export const run = (id: string, m: any[], meshConfig?: any) => MeshAnalysis.analyze(m, { rules: [id], meshConfig }).active;
export const codes = (id: string, m: any[], meshConfig?: any) => run(id, m, meshConfig).map((f) => `${f.code} ${f.resource}`).sort();
