import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';
import { _Rule } from '../../../../lib/analysis/rule';

/** A VirtualService in namespace `payments`. */
export function vs(name: string, spec: any, annotations?: Record<string, string>): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace: 'payments', ...(annotations ? { annotations } : {}) }, spec };
}

/** An HTTP rule with the given matches. */
export function rule(match: any[] | undefined, name?: string): any {
  return { ...(name ? { name } : {}), ...(match ? { match } : {}), route: [{ destination: { host: 'web' } }] };
}

/** The suppression annotation for one id. */
export function suppress(id: string): Record<string, string> {
  return { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id, reason: 'accepted for this test case' }]) };
}

/** Active findings of one rule, as `code resource`. */
export function findings(r: _Rule, manifests: any[]): string[] {
  return MeshAnalysis._analyzeWith(manifests, [r]).active.map((f) => `${f.code} ${f.resource}`);
}

/** Active findings' messages of one rule. */
export function messages(r: _Rule, manifests: any[]): string[] {
  return MeshAnalysis._analyzeWith(manifests, [r]).active.map((f) => f.message);
}

/** Suppressed findings of one rule, as `code resource`. */
export function suppressed(r: _Rule, manifests: any[]): string[] {
  return MeshAnalysis._analyzeWith(manifests, [r]).suppressed.map((f) => `${f.code} ${f.resource}`);
}
