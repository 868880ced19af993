import { _GATEWAY_API_GROUP, _isWaypoint } from '../../facts/_ambient';
import { _policyRules } from '../../facts/_authz';
import { AnalysisLevel } from '../../finding';
import { _MeshModel, _Obj } from '../../model';
import { _resourceName, _Rule } from '../../rule';

/** The annotation that names the ServiceAccount of an Istio-deployed Gateway API Gateway. */
const SERVICE_ACCOUNT_ANNOTATION = 'gateway.istio.io/service-account';

/** `<trust domain>/ns/<namespace>/sa/<service account>`, optionally with `spiffe://`. */
const PRINCIPAL = /^(?:spiffe:\/\/)?[^/]+\/ns\/([^/]+)\/sa\/([^/]+)$/;

/** `<namespace>/<name>` of the service accounts the app declares (ServiceAccount objects), and of those too that its workloads run as. */
function accounts(model: _MeshModel): { declared: Set<string>; known: Set<string> } {
  const declared = new Set(model.ofKind('ServiceAccount', '').map((sa) => `${sa.namespace}/${sa.name}`));
  const known = new Set(declared);
  for (const w of model.workloads) {
    const name = w.podSpec?.serviceAccountName ?? w.podSpec?.serviceAccount;
    if (typeof name === 'string') known.add(`${w.namespace}/${name}`);
  }
  // Istio deploys each Gateway API Gateway with a ServiceAccount of its own: the Gateway's name for a waypoint,
  // `<name>-<gatewayClassName>` for other classes, unless `gateway.istio.io/service-account` names another.
  for (const gw of model.ofKind('Gateway', _GATEWAY_API_GROUP)) {
    const cls = gw.spec.gatewayClassName;
    const sa = gw.annotations[SERVICE_ACCOUNT_ANNOTATION] ?? (_isWaypoint(model, gw) ? gw.name : `${gw.name}-${cls}`);
    known.add(`${gw.namespace}/${sa}`);
  }
  return { declared, known };
}

/** The principals of an AuthorizationPolicy's sources (principals and notPrincipals). */
function principalsOf(ap: _Obj): string[] {
  return _policyRules(ap)
    .flatMap((rule) => (Array.isArray(rule?.from) ? rule.from : []))
    .flatMap((from: any) => [from?.source?.principals, from?.source?.notPrincipals])
    .flatMap((list: any) => (Array.isArray(list) ? list : []))
    .filter((p: any): p is string => typeof p === 'string');
}

/**
 * CI0003: an AuthorizationPolicy principal names a service account the app does not define, in a
 * namespace the app does define (a Namespace object, or at least one ServiceAccount in it). Principals
 * in namespaces the app knows nothing about are someone else's, and are not judged. Namespace entries
 * (from.source.namespaces) are IST0101's, which reports those that match no Namespace of the app.
 */
export const UNKNOWN_PRINCIPAL: _Rule = {
  id: 'CI0003',
  rule: 'mesh/unknown-principal',
  name: 'AuthorizationPolicyUnknownPrincipal',
  level: AnalysisLevel.WARNING,
  cause: 'An AuthorizationPolicy principal (or notPrincipal) `<trust-domain>/ns/<ns>/sa/<sa>` names a service account that the app does not '
    + 'define, although it defines that namespace or service accounts in it.',
  why: 'No workload runs as a service account that does not exist, so the principal never matches: an ALLOW rule lets in none of the '
    + 'callers it was meant for, a DENY rule blocks none, and a notPrincipals exception excludes no one. It is usually a typo or a '
    + 'renamed ServiceAccount.',
  fix: 'Correct the service account (or namespace) in the principal to the ServiceAccount the calling workload runs as, '
    + 'or define that ServiceAccount in the app.',
  check: (model) => {
    const { declared, known } = accounts(model);
    const namespaces = new Set(model.ofKind('Namespace', '').map((n) => n.name));
    // Accounts by namespace, once: per principal, a scan of every account made the rule quadratic.
    const byNamespace = new Map<string, string[]>();
    for (const account of declared) {
      const slash = account.indexOf('/');
      const list = byNamespace.get(account.slice(0, slash)) ?? [];
      list.push(account.slice(slash + 1));
      byNamespace.set(account.slice(0, slash), list);
    }
    const declaredIn = (ns: string) => byNamespace.get(ns) ?? [];
    return model.istio('AuthorizationPolicy').flatMap((ap) => [...new Set(principalsOf(ap))].flatMap((principal) => {
      const match = principal.includes('*') ? null : PRINCIPAL.exec(principal);
      if (!match) return [];
      const [, ns, sa] = match;
      const inApp = declaredIn(ns);
      // The namespace is the app's when it declares the Namespace or a ServiceAccount in it; else the principal is someone else's.
      if (sa === 'default' || known.has(`${ns}/${sa}`) || (!namespaces.has(ns) && inApp.length === 0)) return [];
      return [{
        obj: ap,
        ref: { serviceAccount: `${ns}/${sa}`, namespace: ns },
        message: `${_resourceName(ap)} refers to principal "${principal}", but the app defines no ServiceAccount ${sa} in namespace ${ns}`
          + (inApp.length > 0 ? ` (it defines ${[...inApp].sort().join(', ')}).` : '.'),
      }];
    }));
  },
};
