import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

export const suppress = (id: string) => ({ [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) });
const meta = (name: string, namespace?: string, annotations?: any, labels?: any) => ({
  name,
  ...(namespace ? { namespace } : {}),
  ...(labels ? { labels } : {}),
  ...(annotations ? { annotations } : {}),
});

export const namespace = (name: string, labels: any = { 'istio-injection': 'enabled' }) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(name, undefined, undefined, labels) });
export const serviceAccount = (name: string, ns = 'shop') => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, ns) });
export interface DeploymentOptions {
  readonly ns?: string;
  readonly annotations?: any;
  readonly podAnnotations?: any;
  readonly ports?: any[];
  readonly sa?: string;
}
export const deployment = (name: string, labels: any, opts: DeploymentOptions = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta(name, opts.ns ?? 'shop', opts.annotations),
  spec: {
    selector: { matchLabels: labels },
    template: {
      metadata: { labels, ...(opts.podAnnotations ? { annotations: opts.podAnnotations } : {}) },
      spec: {
        ...(opts.sa ? { serviceAccountName: opts.sa } : {}),
        containers: [{ name: name, image: 'registry.example.com/app:1', ...(opts.ports ? { ports: opts.ports } : {}) }],
      },
    },
  },
});
export const service = (name: string, selector: any, ports: any[] = [{ name: 'http', port: 80, targetPort: 8080 }], ns = 'shop') => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta(name, ns),
  spec: { selector, ports },
});
export const destinationRule = (name: string, spec: any, ns = 'shop', annotations?: any) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: meta(name, ns, annotations),
  spec,
});
export const peerAuthentication = (name: string, spec: any, ns = 'shop') => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: meta(name, ns),
  spec,
});
export const authorizationPolicy = (name: string, spec: any, ns = 'shop', annotations?: any) => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: meta(name, ns, annotations),
  spec,
});

export const run = (id: string, m: any[], options: { meshConfig?: any } = {}) => MeshAnalysis.analyze(m, { rules: [id], ...options }).active;
export const codes = (id: string, m: any[], options: { meshConfig?: any } = {}) => run(id, m, options).map((f) => `${f.code} ${f.resource}`);
export const suppressed = (id: string, m: any[]) => MeshAnalysis.analyze(m, { rules: [id] }).suppressed.map((f) => `${f.code} ${f.resource} ${f.suppressedReason}`);
