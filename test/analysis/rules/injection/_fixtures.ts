import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

export const suppress = (id: string) => ({ [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) });
export const ns = (name: string, labels: Record<string, string> = {}, annotations?: any) =>
  ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels, ...(annotations ? { annotations } : {}) } });
export const pod = (name: string, namespace: string, containers: any[], meta: any = {}, spec: any = {}) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, ...meta }, spec: { containers, ...spec } });
export const gatewayDeployment = (namespace: string, labels: Record<string, string> = { istio: 'ingressgateway' }, annotations?: any) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'gw', namespace, ...(annotations ? { annotations } : {}) },
  spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'istio-proxy', image: 'auto' }] } } },
});
export const injectorConfig = (byDefault: boolean) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'istio-sidecar-injector', namespace: 'istio-system' },
  data: { values: JSON.stringify({ sidecarInjectorWebhook: { enableNamespacesByDefault: byDefault } }) },
});
export const run = (id: string, m: any[]) => MeshAnalysis.analyze(m, { rules: [id] }).active;
export const codes = (id: string, m: any[]) => run(id, m).map((f) => `${f.code} ${f.resource}`);
