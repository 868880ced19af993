/**
 * AuthorizationPolicy facts the rules and the request trace share: a policy's rules, action and
 * selector, which sidecars it applies to, and which of its attributes only an HTTP proxy can match.
 */
import { _targetRefs } from './_ambient';
import { _labelsText } from './_labels';
import { _MeshModel, _Obj, _selects, _Workload } from '../model';

/** An AuthorizationPolicy's rules, as a list (none when absent or malformed). @internal */
export function _policyRules(ap: _Obj): any[] {
  return Array.isArray(ap.spec.rules) ? ap.spec.rules : [];
}

/** True for an ALLOW policy: action ALLOW or unset (Istio's default). @internal */
export function _isAllow(ap: _Obj): boolean {
  return ap.spec.action === undefined || String(ap.spec.action).toUpperCase() === 'ALLOW';
}

/** True for an allow-nothing policy: ALLOW with no rules (an empty spec is one). @internal */
export function _isAllowNothing(ap: _Obj): boolean {
  return _isAllow(ap) && _policyRules(ap).length === 0;
}

/** True when a value sets nothing: absent, null, an empty list, or an object all of whose fields set nothing. */
function setsNothing(value: any): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(setsNothing);
  return false;
}

/**
 * True when an AuthorizationPolicy rule matches every request: no when conditions, and from (to) is
 * absent, empty, or holds an entry whose source (operation) sets no field, which matches any request.
 * @internal
 */
export function _matchesEveryRequest(rule: any): boolean {
  if (rule === null || typeof rule !== 'object') return true;
  const open = (list: any, field: string) => setsNothing(list) || (Array.isArray(list) && list.some((entry) => setsNothing(entry?.[field])));
  return open(rule.from, 'source') && open(rule.to, 'operation') && setsNothing(rule.when);
}

/** A policy's selector labels; undefined when it has none (or an empty one) and so covers its namespace. @internal */
export function _policySelector(ap: _Obj): Record<string, string> | undefined {
  const labels = ap.spec.selector?.matchLabels;
  return labels && typeof labels === 'object' && Object.keys(labels).length > 0 ? labels : undefined;
}

/**
 * True when an AuthorizationPolicy applies to a workload's sidecar: a selector (or none) in the
 * workload's namespace, or in the root namespace, where a policy without selector covers the mesh
 * and one with a selector selects in every namespace. Policies with targetRef(s) apply to gateways
 * and waypoints, not to sidecars. @internal
 */
export function _policyApplies(model: _MeshModel, ap: _Obj, w: _Workload): boolean {
  if (ap.spec.targetRef || ap.spec.targetRefs) return false;
  if (ap.namespace !== model.rootNamespace && ap.namespace !== w.namespace) return false;
  return _selects(_policySelector(ap), w.labels);
}

/**
 * The AuthorizationPolicies that apply to a workload's sidecar (see `_policyApplies`), in manifest
 * order, through the model's selector index rather than a scan of every policy per workload. @internal
 */
export function _policiesApplying(model: _MeshModel, w: _Workload): _Obj[] {
  // Several rules and every traced request ask it of the same workload.
  return model.memoOf(w, 'policiesApplying', () => model.selecting(model.istio('AuthorizationPolicy'), _policySelector, [w.namespace, model.rootNamespace], w.labels)
    .filter((ap) => _policyApplies(model, ap, w)));
}

/** Where a policy applies, for messages: its selector, its namespace, or the mesh. @internal */
export function _policyScope(model: _MeshModel, ap: _Obj): string {
  const refs = _targetRefs(ap);
  if (refs.length > 0) return `its targets (${refs.map((r) => `${r?.kind} ${r?.name}`).join(', ')})`;
  const selector = _policySelector(ap);
  const where = ap.namespace === model.rootNamespace ? 'the whole mesh' : `namespace ${ap.namespace}`;
  if (!selector) return `every workload in ${where}`;
  return `workloads labelled ${_labelsText(selector)} in ${where}`;
}

/** Operation fields only an HTTP proxy can match. */
const HTTP_OPERATION_FIELDS = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];
/** Source fields ztunnel cannot match (request identity, or the client IP behind a proxy). */
const HTTP_SOURCE_FIELDS = ['remoteIpBlocks', 'notRemoteIpBlocks', 'requestPrincipals', 'notRequestPrincipals'];
/** The `when` keys ztunnel can evaluate; every other key needs HTTP. */
const L4_CONDITION_KEYS = new Set(['source.ip', 'source.namespace', 'source.principal', 'destination.ip', 'destination.port']);

/** The HTTP-only fields of an AuthorizationPolicy operation and source, and the `when` keys ztunnel can evaluate. @internal */
export const _HTTP_ONLY = { operation: HTTP_OPERATION_FIELDS, source: HTTP_SOURCE_FIELDS, l4Keys: L4_CONDITION_KEYS } as const;

/** The HTTP-only attributes one AuthorizationPolicy rule uses (`methods`, `request.headers[x-user]` ...), as Istio's ztunnel conversion lists them. @internal */
export function _httpAttributes(rule: any): string[] {
  const found = new Set<string>();
  const nonEmpty = (v: any) => Array.isArray(v) && v.length > 0;
  for (const to of Array.isArray(rule?.to) ? rule.to : []) {
    for (const f of HTTP_OPERATION_FIELDS) if (nonEmpty(to?.operation?.[f])) found.add(f);
  }
  for (const from of Array.isArray(rule?.from) ? rule.from : []) {
    for (const f of HTTP_SOURCE_FIELDS) if (nonEmpty(from?.source?.[f])) found.add(f);
  }
  for (const when of Array.isArray(rule?.when) ? rule.when : []) {
    if (typeof when?.key === 'string' && !L4_CONDITION_KEYS.has(when.key)) found.add(when.key);
  }
  return [...found].sort();
}

/** The HTTP-only attributes of every rule of an AuthorizationPolicy, each once. @internal */
export function _policyHttpAttributes(ap: _Obj): string[] {
  return [...new Set(_policyRules(ap).flatMap(_httpAttributes))].sort();
}
