import { _namespaceInAmbient, _targetRefs, _workloadIsAmbient } from '../../facts/_ambient';
import { _httpAttributes, _policyHttpAttributes, _policyApplies, _policyRules, _policySelector } from '../../facts/_authz';
import { AnalysisLevel } from '../../finding';
import { _MeshModel, _Obj, _Workload } from '../../model';
import { _RawFinding, _Rule } from '../../rule';

/** What ztunnel enforces a selector-based policy on: ambient workloads of the app, and the namespace when it is ambient as a whole. */
function ztunnelScope(model: _MeshModel, ambient: _Workload[], ap: _Obj): string | undefined {
  const workloads = ambient.filter((w) => _policyApplies(model, ap, w));
  if (workloads.length > 0) {
    const names = [...new Set(workloads.map((w) => `${w.obj.kind} ${w.obj.namespace}/${w.obj.name}`))].sort();
    return `ambient workload${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
  }
  if (!_policySelector(ap) && ap.namespace !== model.rootNamespace && _namespaceInAmbient(model, ap.namespace)) {
    return `the workloads of ambient namespace ${ap.namespace}`;
  }
  return undefined;
}

/** What ztunnel does with the policy, or undefined when it enforces it as written. */
function effect(ap: _Obj): string | undefined {
  const action = String(ap.spec.action ?? 'ALLOW').toUpperCase();
  if (action === 'CUSTOM' || action === 'AUDIT') {
    return `ztunnel does not support the ${action} action, so the policy is not enforced on them at all`;
  }
  const attrs = _policyHttpAttributes(ap);
  if (attrs.length === 0) return undefined;
  const rules = _policyRules(ap);
  const l7 = rules.map((r, i) => (_httpAttributes(r).length > 0 ? i : -1)).filter((i) => i >= 0);
  const which = `rule${l7.length > 1 ? 's' : ''} ${l7.map((i) => `rules[${i}]`).join(', ')}`;
  if (action === 'DENY') {
    return `ztunnel cannot match the HTTP attributes (${attrs.join(', ')}) and enforces ${which} without them, `
      + 'so it denies every request that matches the rest of those rules, more than intended';
  }
  const all = l7.length === rules.length;
  return `ztunnel cannot match the HTTP attributes (${attrs.join(', ')}) and drops ${which}, which then never match, `
    + (all ? 'so the policy allows nothing and every request to them is denied' : 'so the requests only those rules allow are denied');
}

/**
 * CI0007: an AuthorizationPolicy that selects ambient workloads (by selector, namespace or root namespace,
 * not targetRefs) and uses HTTP attributes or the CUSTOM/AUDIT action. ztunnel enforces such a policy:
 * Istio (ztunnel policy conversion) drops ALLOW rules that use HTTP attributes, enforces DENY rules without
 * their HTTP attributes, and ignores CUSTOM and AUDIT policies, and reports it only in the policy's status.
 */
export const AMBIENT_L7_RULE_ON_ZTUNNEL: _Rule = {
  id: 'CI0007',
  rule: 'ambient/l7-rule-on-ztunnel',
  name: 'AmbientL7AuthorizationEnforcedByZtunnel',
  level: AnalysisLevel.WARNING,
  cause: 'An AuthorizationPolicy without targetRefs applies to ambient workloads and uses HTTP attributes '
    + '(methods, paths, hosts, requestPrincipals, remoteIpBlocks, HTTP when keys) or the CUSTOM or AUDIT action.',
  why: 'Such a policy is enforced by ztunnel, which sees only L4: an ALLOW rule with HTTP attributes is dropped and never '
    + 'matches (an ALLOW policy whose rules all use them denies everything), a DENY rule is enforced without its HTTP '
    + 'attributes and denies more than intended, and a CUSTOM or AUDIT policy is not enforced at all. Istio accepts the '
    + 'policy and says so only in its status.',
  fix: 'Bind the workloads\' Service (or namespace) to a waypoint with istio.io/use-waypoint and attach the policy to it with '
    + 'targetRefs (kind Service, or the waypoint Gateway); keep only L4 fields (principals, namespaces, ipBlocks, ports) in '
    + 'selector-based policies.',
  check: (model) => {
    // The ambient workloads, once. In a mesh of sidecars there are none and no namespace is ambient: ztunnel enforces no
    // policy, and none is looked at.
    const ambient = model.workloads.filter((w) => _workloadIsAmbient(model, w));
    if (ambient.length === 0 && !model.ofKind('Namespace', '').some((n) => _namespaceInAmbient(model, n.name))) return [];
    return model.istio('AuthorizationPolicy')
      .filter((ap) => _targetRefs(ap).length === 0)
      .flatMap((ap): _RawFinding[] => {
        const what = effect(ap);
        if (!what) return [];
        const scope = ztunnelScope(model, ambient, ap);
        if (!scope) return [];
        return [{ obj: ap, message: `AuthorizationPolicy ${ap.name} applies to ${scope} through ztunnel: ${what}.` }];
      });
  },
};
