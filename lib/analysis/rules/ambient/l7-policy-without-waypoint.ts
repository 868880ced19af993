import { _gatewayOf, _isWaypoint, _namespaceHasWaypoint, _namespaceInAmbient, _serviceWaypoint, _serviceWaypointRef, _targetRefs, _workloadIsAmbient } from '../../facts/_ambient';
import { _policyHttpAttributes } from '../../facts/_authz';
import { _labelsText } from '../../facts/_labels';
import { AnalysisLevel } from '../../finding';
import { _MeshModel, _Obj } from '../../model';
import { _RawFinding, _Rule } from '../../rule';

/** Policy kinds that need a waypoint for ambient workloads, with their API group. */
const POLICY_KINDS: [string, string][] = [
  ['AuthorizationPolicy', 'security.istio.io'],
  ['RequestAuthentication', 'security.istio.io'],
  ['Telemetry', 'telemetry.istio.io'],
  ['WasmPlugin', 'extensions.istio.io'],
];

/** True when an AuthorizationPolicy needs L7 (HTTP attributes, CUSTOM or AUDIT); the other kinds always do. */
function needsL7(policy: _Obj): boolean {
  if (policy.kind !== 'AuthorizationPolicy') return true;
  return ['CUSTOM', 'AUDIT'].includes(String(policy.spec.action ?? '').toUpperCase()) || _policyHttpAttributes(policy).length > 0;
}

/** Why no waypoint serves a Service or ServiceEntry. */
function noWaypointReason(model: _MeshModel, target: _Obj): string {
  const ref = _serviceWaypointRef(model, target);
  if (!ref) return `neither it nor namespace ${target.namespace} carries the istio.io/use-waypoint label`;
  const gw = _gatewayOf(model, ref);
  if (!gw) return `its waypoint ${ref.namespace}/${ref.name} is not defined in the app`;
  if (!_isWaypoint(model, gw)) return `Gateway ${ref.namespace}/${ref.name} is not a waypoint (gatewayClassName '${gw.spec.gatewayClassName}')`;
  return `waypoint ${ref.namespace}/${ref.name} does not take service traffic (istio.io/waypoint-for=${gw.labels['istio.io/waypoint-for']})`;
}

/** The Service or ServiceEntry a targetRef names in the policy's namespace, when the app defines it. */
function serviceTarget(model: _MeshModel, policy: _Obj, ref: any): _Obj | undefined {
  const group = ref?.group ?? '';
  if (ref?.kind === 'Service' && (group === '' || group === 'core')) return model.find('Service', policy.namespace, String(ref.name), '');
  if (ref?.kind === 'ServiceEntry' && group === 'networking.istio.io') {
    return model.istio('ServiceEntry').find((s) => s.namespace === policy.namespace && s.name === String(ref.name));
  }
  return undefined;
}

/** True when a Service or ServiceEntry belongs to ambient mode: its namespace is ambient, or a Service selects an ambient workload. */
function targetIsAmbient(model: _MeshModel, target: _Obj): boolean {
  if (_namespaceInAmbient(model, target.namespace)) return true;
  const selector = target.kind === 'Service' ? target.spec.selector : undefined;
  if (!selector || Object.keys(selector).length === 0) return false;
  return model.workloadsSelectedBy(target.namespace, selector).some((w) => _workloadIsAmbient(model, w));
}

/** Findings for a policy attached with targetRefs to Services or ServiceEntries that no waypoint serves. */
function targetRefFindings(model: _MeshModel, policy: _Obj): _RawFinding[] {
  return _targetRefs(policy).flatMap((ref) => {
    const target = serviceTarget(model, policy, ref);
    if (!target || !targetIsAmbient(model, target) || _serviceWaypoint(model, target)) return [];
    return [{
      obj: policy,
      message: `${policy.kind} ${policy.name} targets ${target.kind} ${target.name}, but no waypoint serves it `
        + `(${noWaypointReason(model, target)}): only a waypoint applies targetRefs policies in ambient mode, so it is not enforced.`,
    }];
  });
}

/** Findings for a RequestAuthentication, Telemetry or WasmPlugin that reaches ambient workloads by selector or namespace only. */
function selectorFindings(model: _MeshModel, policy: _Obj): _RawFinding[] {
  if (policy.kind === 'AuthorizationPolicy' || policy.namespace === model.rootNamespace) return [];
  if (_targetRefs(policy).length > 0) return [];
  const labels: Record<string, string> = policy.spec.selector?.matchLabels ?? {};
  const hasWaypoint = _namespaceHasWaypoint(model, policy.namespace);
  const noWaypoint = hasWaypoint ? '' : `, and no waypoint of the app is bound in namespace ${policy.namespace}`;
  if (Object.keys(labels).length > 0) {
    const ambient = model.workloadsSelectedBy(policy.namespace, labels).filter((w) => _workloadIsAmbient(model, w));
    if (ambient.length === 0) return [];
    const names = [...new Set(ambient.map((w) => `${w.obj.kind} ${w.obj.name}`))].sort().join(', ');
    return [{
      obj: policy,
      message: `${policy.kind} ${policy.name} selects ambient workloads (${_labelsText(labels)}: ${names}) by label; ztunnel does not apply `
        + `${policy.kind}s and a waypoint applies only policies attached with targetRefs${noWaypoint}.`,
    }];
  }
  if (hasWaypoint || !_namespaceInAmbient(model, policy.namespace)) return [];
  return [{
    obj: policy,
    message: `${policy.kind} ${policy.name} applies to ambient namespace ${policy.namespace}, where only a waypoint can enforce it${noWaypoint}.`,
  }];
}

/**
 * CI0006: an L7 policy (AuthorizationPolicy with HTTP attributes or CUSTOM/AUDIT, RequestAuthentication,
 * Telemetry, WasmPlugin) meant for ambient workloads that no waypoint will enforce: it targets a Service or
 * ServiceEntry no waypoint serves, or it reaches ambient workloads by selector (or namespace, with no
 * waypoint bound there). Selector-based AuthorizationPolicies are CI0007's: ztunnel enforces them, partially.
 */
export const AMBIENT_L7_POLICY_WITHOUT_WAYPOINT: _Rule = {
  id: 'CI0006',
  rule: 'ambient/l7-policy-without-waypoint',
  name: 'AmbientL7PolicyWithoutWaypoint',
  level: AnalysisLevel.WARNING,
  cause: 'An L7 policy (AuthorizationPolicy with HTTP attributes or CUSTOM/AUDIT, RequestAuthentication, Telemetry, WasmPlugin) '
    + 'for ambient workloads targets a Service or ServiceEntry that no waypoint serves, or reaches them by selector or namespace '
    + 'although only a waypoint, through targetRefs, can enforce it.',
  why: 'In ambient mode ztunnel handles L4 only: JWT validation, HTTP authorization, L7 telemetry and Wasm run in a waypoint, '
    + 'and a waypoint applies the policies attached to it or to the Services bound to it. Without one the policy is silently '
    + 'not enforced: requests are not authenticated, HTTP rules are not applied, telemetry is not produced.',
  fix: 'Deploy a waypoint (a Gateway with gatewayClassName istio-waypoint), bind the Service or namespace to it with the label '
    + 'istio.io/use-waypoint=<waypoint>, and attach the policy with targetRefs to the Service (or the waypoint Gateway).',
  check: (model) => POLICY_KINDS
    .flatMap(([kind, group]) => model.ofKind(kind, group))
    // An AuthorizationPolicy by selector is CI0007's (selectorFindings skips it): only one with targetRefs is looked at.
    .filter((policy) => (policy.kind !== 'AuthorizationPolicy' || _targetRefs(policy).length > 0) && needsL7(policy))
    .flatMap((policy) => [...targetRefFindings(model, policy), ...selectorFindings(model, policy)]),
};
