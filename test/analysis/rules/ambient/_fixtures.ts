import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

export const suppress = (id: string) => ({ [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) });
export const namespace = (name: string, labels: Record<string, string> = {}) =>
  ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
export const ambientNs = (name: string, labels: Record<string, string> = {}) => namespace(name, { 'istio.io/dataplane-mode': 'ambient', ...labels });
interface PodExtras {
  readonly podLabels?: Record<string, string>;
  readonly containers?: any[];
}
export const deployment = (name: string, ns: string, labels: Record<string, string>, extra: PodExtras = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: {
    selector: { matchLabels: labels },
    template: { metadata: { labels: { ...labels, ...(extra.podLabels ?? {}) } }, spec: { containers: extra.containers ?? [{ name: 'app', image: 'app:1' }] } },
  },
});
export const service = (name: string, ns: string, selector: Record<string, string>, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns, labels },
  spec: { selector, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
});
export const waypoint = (name: string, ns: string, labels: Record<string, string> = {}, gatewayClassName = 'istio-waypoint') => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace: ns, labels },
  spec: { gatewayClassName, listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
});
export const authz = (name: string, ns: string, spec: any, annotations?: any) => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) },
  spec,
});
export const policy = (kind: string, group: string, name: string, ns: string, spec: any, annotations?: any) => ({
  apiVersion: `${group}/v1`,
  kind,
  metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) },
  spec,
});
export const run = (id: string, m: any[]) => MeshAnalysis.analyze(m, { rules: [id] }).active;
export const codes = (id: string, m: any[]) => run(id, m).map((f) => `${f.code} ${f.resource}`).sort();
export const messages = (id: string, m: any[]) => run(id, m).map((f) => f.message);
