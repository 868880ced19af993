import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** True for a pattern that matches every namespace (`*`): it refers to no namespace in particular, so none is missing. */
function matchesAny(pattern: string): boolean {
  return pattern === '*';
}

/** Istio's namespace pattern match: `*`, a `*` prefix or suffix, or an exact (case-insensitive) name. */
function namespaceMatches(ns: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return ns.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return ns.startsWith(pattern.slice(0, -1));
  return ns.toLowerCase() === pattern.toLowerCase();
}

/** IST0101: an AuthorizationPolicy source (not)namespace that matches no declared Namespace. */
export const AUTHZ_NAMESPACE_NOT_FOUND: _Rule = {
  id: 'IST0101',
  rule: 'authz/namespace-not-found',
  name: 'ReferencedResourceNotFound',
  level: AnalysisLevel.ERROR,
  cause: 'A namespace (or pattern) in an AuthorizationPolicy rule\'s from.source.namespaces or notNamespaces matches no Namespace of the app.',
  why: 'A rule about a namespace that does not exist never matches (or, under notNamespaces, always does): a typo silently changes who is allowed.',
  fix: 'Correct the namespace name or pattern, or declare the Namespace in the app.',
  istioAnalyzer: 'authz.AuthorizationPoliciesAnalyzer',
  check: (model) => {
    const namespaces = model.ofKind('Namespace', '').map((n) => n.name);
    return model.istio('AuthorizationPolicy').flatMap((ap) => (Array.isArray(ap.spec.rules) ? ap.spec.rules : [])
      .flatMap((rule: any) => (Array.isArray(rule?.from) ? rule.from : []))
      .flatMap((from: any) => [...(from?.source?.namespaces ?? []), ...(from?.source?.notNamespaces ?? [])])
      .filter((pattern: any) => typeof pattern === 'string' && !matchesAny(pattern) && !namespaces.some((ns) => namespaceMatches(ns, pattern)))
      .map((pattern: string) => ({ obj: ap, ref: pattern.includes('*') ? { namespacePattern: pattern } : { namespace: pattern }, message: `AuthorizationPolicy ${ap.name} refers to namespace "${pattern}", which matches no Namespace.` })));
  },
};
