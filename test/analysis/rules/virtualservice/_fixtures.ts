import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';
import { _Rule } from '../../../../lib/analysis/rule';

/** A VirtualService manifest in `ns` (namespace `payments` unless given). */
export function vs(name: string, spec: any, ns = 'payments', annotations?: Record<string, string>): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) }, spec };
}

/** A Service manifest with the given port numbers. */
export function svc(name: string, ports: number[], ns = 'payments', annotations?: Record<string, string>): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) },
    spec: { selector: { app: name }, ports: ports.map((p) => ({ name: `http-${p}`, port: p })) },
  };
}

/** An Istio Gateway manifest. */
export function gateway(name: string, hosts: string[], ns = 'istio-system', selector: Record<string, string> = { istio: 'ingressgateway' }): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace: ns },
    spec: { selector, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts }] },
  };
}

/** The suppression annotation for one id. */
export function suppress(id: string): Record<string, string> {
  return { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) };
}

/** Active findings of one rule, as `code resource`. */
export function findings(rule: _Rule, manifests: any[]): string[] {
  return MeshAnalysis._analyzeWith(manifests, [rule]).active.map((f) => `${f.code} ${f.resource}`);
}

/** Active findings' messages of one rule. */
export function messages(rule: _Rule, manifests: any[]): string[] {
  return MeshAnalysis._analyzeWith(manifests, [rule]).active.map((f) => f.message);
}

/** Suppressed findings of one rule, as `code resource`. */
export function suppressed(rule: _Rule, manifests: any[]): string[] {
  return MeshAnalysis._analyzeWith(manifests, [rule]).suppressed.map((f) => `${f.code} ${f.resource}`);
}
