import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';
import { _Rule } from '../../../../lib/analysis/rule';

/** A Gateway server. */
export function server(port: number, hosts: string[], tls?: any): any {
  return { port: { number: port, name: `p-${port}`, protocol: tls ? 'HTTPS' : 'HTTP' }, hosts, ...(tls ? { tls } : {}) };
}

/** An Istio Gateway manifest. */
export function gateway(name: string, selector: Record<string, string>, servers: any[], ns = 'istio-system', annotations?: Record<string, string>): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) },
    spec: { selector, servers },
  };
}

/** A gateway Deployment with pod labels, and a Service selecting it with `port -> targetPort` pairs. */
export function gatewayWorkload(name: string, labels: Record<string, string>, ports: [number, number?][], ns = 'gateways'): any[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'istio-proxy', image: 'auto' }] } } },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns },
      spec: { selector: labels, ports: ports.map(([port, targetPort]) => ({ name: `http-${port}`, port, ...(targetPort ? { targetPort } : {}) })) },
    },
  ];
}

/** The suppression annotation for one id. */
export function suppress(id: string): Record<string, string> {
  return { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) };
}

/** Active findings of one rule, as `code resource`. */
export function findings(rule: _Rule, manifests: any[], meshConfig?: any): string[] {
  return MeshAnalysis._analyzeWith(manifests, [rule], { meshConfig }).active.map((f) => `${f.code} ${f.resource}`);
}

/** Active findings' messages of one rule. */
export function messages(rule: _Rule, manifests: any[]): string[] {
  return MeshAnalysis._analyzeWith(manifests, [rule]).active.map((f) => f.message);
}

/** Suppressed findings of one rule, as `code resource`. */
export function suppressed(rule: _Rule, manifests: any[]): string[] {
  return MeshAnalysis._analyzeWith(manifests, [rule]).suppressed.map((f) => `${f.code} ${f.resource}`);
}
