import { IConstruct } from 'constructs';
import { _checkPeer, MeshPeer } from './mesh-peer';
import { _Problems } from '../core/_errors';
import { _declareIntents, _Intent, _pathFor, _podSource, _withNamespaceGuard } from '../core/_intents';
import { _MAX_SUBDOMAIN_LENGTH } from '../core/_names';
import { _checkPort } from '../core/_port';
import { HttpMethod } from '../core/http-method';
import { WorkloadSelector } from '../core/selector';
import { AuthorizationOperation, AuthorizationRule, AuthorizationSource } from '../security/authorization-rule';

/** What `ZeroTrustNamespace.allow()` reads from a rule, checked. */
export interface _CheckedAllowRule {
  readonly peers: MeshPeer[];
  readonly methods: HttpMethod[];
  readonly paths: string[];
  readonly targetPorts: number[];
}

/** The rule's fields as `allow()` takes them (plain JavaScript may pass the names of earlier releases). */
interface AllowRuleFields {
  readonly from?: MeshPeer[];
  readonly methods?: HttpMethod[];
  readonly paths?: string[];
  readonly targetPorts?: number[];
}

/**
 * Checks the callers and operations of an `allow()` rule. `networkPolicy`: every caller must name a
 * single namespace, which the NetworkPolicy admits.
 */
export function _checkAllowRule(problems: _Problems, prop: string, rule: AllowRuleFields, networkPolicy: boolean): _CheckedAllowRule {
  const legacy = rule as { fromNamespaces?: unknown; ports?: unknown };
  problems.check(legacy.fromNamespaces === undefined, `${prop}.fromNamespaces`, 'was replaced by from', legacy.fromNamespaces,
    `Name the namespaces in from: ${Array.isArray(legacy.fromNamespaces) ? legacy.fromNamespaces.map((n) => `MeshPeer.namespace('${n}')`).join(', ') : 'MeshPeer.namespace(\'<namespace>\')'}.`);
  problems.check(legacy.ports === undefined, `${prop}.ports`, 'was renamed targetPorts (the container ports the workloads listen on)', legacy.ports,
    'Write targetPorts instead of ports.');
  const listed = rule.from === undefined || Array.isArray(rule.from);
  problems.check(listed, `${prop}.from`, 'must be a list of MeshPeer', rule.from, 'Write the callers as a list, such as from: [MeshPeer.namespace(\'monitoring\')].');
  const from = listed ? rule.from ?? [] : [rule.from as unknown as MeshPeer];
  const peers = from.filter((peer, i) => _checkPeer(problems, `${prop}.from[${i}]`, peer));
  const methods = rule.methods ?? [];
  const paths = rule.paths ?? [];
  const targetPorts = rule.targetPorts ?? [];
  const legacyOnly = legacy.fromNamespaces !== undefined || legacy.ports !== undefined;
  const named = from.length + methods.length + paths.length + targetPorts.length > 0 || legacyOnly;
  problems.check(named, prop,
    'has no source and no operation, so it would allow every request to the workloads in scope', rule,
    'Name the callers with from, or the requests with methods, paths or targetPorts; to allow everything, use AuthorizationPolicy.allowAll().');
  targetPorts.forEach((port, i) => _checkPort(problems, `${prop}.targetPorts[${i}]`, port, 'Give the container port the workloads listen on.'));
  if (networkPolicy) {
    peers.forEach((peer, i) => problems.check(peer.sourceIdentity.namespaceName !== undefined && !peer.sourceIdentity.namespaceName.includes('*'), `${prop}.from[${i}]`,
      'names no single namespace, which the NetworkPolicy needs to admit its traffic', peer.sourceIdentity.toString(),
      'Name an identity of one namespace, or turn networkPolicy off and rely on the AuthorizationPolicy.'));
    if (from.length === 0) {
      problems.add(prop, 'names no source namespace, which the NetworkPolicy needs to admit its traffic', rule,
        'Add from, or turn networkPolicy off and rely on the AuthorizationPolicy.');
    }
  }
  return { peers, methods, paths, targetPorts };
}

/**
 * The AuthorizationPolicy rule of a checked `allow()` rule: the principals in one source, the
 * namespaces in another (sources are ORed; the fields of one source are ANDed).
 */
export function _allowRuleOf(rule: _CheckedAllowRule): AuthorizationRule {
  const principals = rule.peers.filter((p) => !p.isNamespace).map((p) => p.sourceIdentity);
  const namespaces = rule.peers.filter((p) => p.isNamespace).map((p) => p.sourceIdentity);
  const sources: AuthorizationSource[] = [
    ...(principals.length > 0 ? [{ principals }] : []),
    ...(namespaces.length > 0 ? [{ namespaces }] : []),
  ];
  const operation: AuthorizationOperation = {
    ...(rule.methods.length > 0 ? { methods: [...rule.methods] } : {}),
    ...(rule.paths.length > 0 ? { paths: [...rule.paths] } : {}),
    ...(rule.targetPorts.length > 0 ? { ports: [...rule.targetPorts] } : {}),
  };
  return {
    ...(sources.length > 0 ? { from: sources } : {}),
    ...(Object.keys(operation).length > 0 ? { to: [operation] } : {}),
  };
}

/**
 * Records an `allow()` rule as intents (one per named caller, to every Service in front of the
 * selected workloads), and adds the namespace to the egress scope of callers of other namespaces
 * whose ZeroTrustNamespace has a Sidecar: a sidecar routes only to the hosts its Sidecar imports
 * (https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioEgressListener).
 */
export function _declareAllowIntents(scope: IConstruct, namespace: string, selector: { [key: string]: string } | undefined,
  rule: _CheckedAllowRule): void {
  const callers = rule.peers.map(({ sourceIdentity: id }) => ({ ns: id.namespaceName, sa: id.serviceAccountName, label: id.toString() }));
  for (const c of callers) {
    if (c.ns !== undefined && !c.ns.includes('*') && c.ns !== namespace) {
      _withNamespaceGuard(scope, c.ns, (guard) => guard.addEgressHost(`${namespace}/*`));
    }
  }
  const path = scope.node.path;
  const target = { namespace, selector, targetPorts: rule.targetPorts.length > 0 ? [...rule.targetPorts] : undefined, path: _pathFor(rule.paths) };
  _declareIntents(scope, () => (callers.length > 0 ? callers : [{ ns: undefined, sa: undefined, label: 'any source' }]).map((c): _Intent => ({
    kind: 'allow',
    from: _podSource(c.ns, c.sa) ?? '',
    anySource: c.ns === undefined || c.ns.includes('*'),
    target,
    method: rule.methods[0] ?? 'GET',
    outcome: 'delivered',
    declaredBy: path,
    callerNamespace: c.ns,
    calleeNamespace: namespace,
    description: `${c.label} may call the ${selector ? `workloads ${JSON.stringify(selector)}` : 'workloads'} of namespace '${namespace}' (allow)`,
  })));
}

/** The default policy name of an `allow()` rule: `allow`, or `allow-<selector label values>`. */
export function _policyNameFor(selector: WorkloadSelector | undefined): string {
  if (!selector) return 'allow';
  const values = Object.keys(selector.matchLabels).sort().map((k) => selector.matchLabels[k]);
  const suffix = values.join('-').toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return `allow-${suffix}`.slice(0, _MAX_SUBDOMAIN_LENGTH).replace(/[-.]+$/, '');
}
