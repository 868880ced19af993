import { IConstruct } from 'constructs';
import { Identity } from './identity';

/**
 * Traffic intents: the calls the patterns declare (`allowFrom`, `allow`, `expose*`, external hosts,
 * canary splits), recorded per App so that the synth analysis can trace each one through the
 * request-level model (docs/traffic.md). The analysis reads them as plain data; nothing here imports
 * a construct, so patterns never import the analysis and the analysis never imports a pattern.
 */

/** Which call declared an intent (the `kind` of a `TrafficIntent`). */
export const _INTENT_KINDS = ['allow', 'expose', 'external-host', 'canary', 'unlisted', 'expectation'] as const;

/**
 * Where a request goes when the declaring call names workloads rather than a host
 * (`ZeroTrustNamespace.allow()`): one request per Service of the namespace that selects them.
 */
export interface _IntentTarget {
  readonly namespace: string;
  /** The pods' labels the rule selects; none: every workload of the namespace. */
  readonly selector?: { [key: string]: string };
  /** Container ports the rule allows; the request goes to the Service port in front of the first. */
  readonly targetPorts?: number[];
  /** The path of the request. */
  readonly path: string;
}

/** One intended (or expected) call, as a request and what it should do. */
export interface _Intent {
  readonly kind: typeof _INTENT_KINDS[number];
  /** The trace source: `pod:<ns>/<sa>`, `plain:<ns>`, `gateway:<ns>/<sa>?<labels>`; empty when no single caller can be named (not traced). */
  readonly from: string;
  /** The URL as the client dials it; exclusive with `target`. */
  readonly url?: string;
  /** Workloads to reach, expanded into URLs from the manifests; exclusive with `url`. */
  readonly target?: _IntentTarget;
  readonly method?: string;
  readonly headers?: { [name: string]: string };
  /** The outcome expected (a TraceOutcome wire value); none: any, and the backends are checked when delivered. */
  readonly outcome?: string;
  /** The share of requests each subset of `host` must get, when delivered (percent; 0-weight subsets left out). */
  readonly backends?: Array<{ readonly host: string; readonly subset?: string; readonly weight: number }>;
  /** The path of the construct whose call declared the intent. */
  readonly declaredBy: string;
  /** The path of the construct called, when it is one of the app. */
  readonly callee?: string;
  /** The path of the calling construct, when it is one of the app. */
  readonly caller?: string;
  /** One line: what the call meant. */
  readonly description: string;
  /** What to do when it fails, beyond what the trace's blocking step says. */
  readonly fix?: string;
  /** The callee's namespace. */
  readonly calleeNamespace?: string;
  /** The caller's namespace, for the note when no object of the app lives there. */
  readonly callerNamespace?: string;
  /** For `allow`: the rule lets any source in, so an unlisted caller cannot be expected to be denied. */
  readonly anySource?: boolean;
}

const producers = new WeakMap<IConstruct, Array<() => _Intent[]>>();

/**
 * Declares intents for the App of `scope`. `produce` runs when the synth analysis checks them, after
 * every construct exists, so the request can follow what later calls changed (servers, splits).
 */
export function _declareIntents(scope: IConstruct, produce: () => _Intent[]): void {
  const root = scope.node.root;
  const list = producers.get(root) ?? [];
  list.push(produce);
  producers.set(root, list);
}

/** Every intent declared in the App of `scope`, in declaration order. */
export function _intentsOf(scope: IConstruct): _Intent[] {
  return (producers.get(scope.node.root) ?? []).flatMap((produce) => produce());
}

/** What a ZeroTrustNamespace offers the calls that make intents work by construction. */
export interface _NamespaceGuard {
  /** The namespace's name. */
  readonly name: string;
  /** The path of the ZeroTrustNamespace. */
  readonly path: string;
  /** True when an allow-nothing policy denies what no ALLOW rule lets in. */
  readonly denyAll: boolean;
  /** True when the namespace's workloads run sidecars, scoped by the namespace's Sidecar. */
  readonly scopesEgress: boolean;
  /** Adds `<namespace>/<host>` to the namespace's Sidecar egress hosts (no-op without a Sidecar). */
  addEgressHost(host: string): void;
  /** True when a rule of the namespace already allows the principal to reach pods with these labels. */
  allowsPrincipal(principal: string, podLabels: { [key: string]: string }): boolean;
  /** Lets a waypoint of the namespace reach its workloads through the allow-nothing policy (ambient: `allow-waypoints`). */
  admitWaypoint(waypoint: IConstruct, identity: Identity): void;
}

const guards = new WeakMap<IConstruct, Map<string, _NamespaceGuard>>();
const waiting = new WeakMap<IConstruct, Map<string, Array<(guard: _NamespaceGuard) => void>>>();

/** Registers a ZeroTrustNamespace's guard, and runs what calls before it left for its namespace. */
export function _registerNamespaceGuard(scope: IConstruct, guard: _NamespaceGuard): void {
  const root = scope.node.root;
  const byName = guards.get(root) ?? new Map<string, _NamespaceGuard>();
  byName.set(guard.name, guard);
  guards.set(root, byName);
  const pending = waiting.get(root)?.get(guard.name) ?? [];
  waiting.get(root)?.delete(guard.name);
  pending.forEach((action) => action(guard));
}

/**
 * Runs `action` with the guard of `namespace` in the App of `scope`: now if its ZeroTrustNamespace
 * exists, else when it is created (constructs run in any order; every object still exists before
 * validation starts).
 */
export function _withNamespaceGuard(scope: IConstruct, namespace: string, action: (guard: _NamespaceGuard) => void): void {
  const root = scope.node.root;
  const guard = guards.get(root)?.get(namespace);
  if (guard) {
    action(guard);
    return;
  }
  const byName = waiting.get(root) ?? new Map<string, Array<(guard: _NamespaceGuard) => void>>();
  byName.set(namespace, [...(byName.get(namespace) ?? []), action]);
  waiting.set(root, byName);
}

/** The guard of a namespace, when a ZeroTrustNamespace of the App has registered it. */
export function _namespaceGuard(scope: IConstruct, namespace: string): _NamespaceGuard | undefined {
  return guards.get(scope.node.root)?.get(namespace);
}

/**
 * A request path that the AuthorizationPolicy path patterns match: exact paths as written, `/api/*`
 * as `/api/`, `*.html` as `/index.html`, `*` as `/`, and Istio's path templates with a segment.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
 */
export function _pathFor(patterns: string[] | undefined): string {
  const pattern = patterns?.[0];
  if (pattern === undefined || pattern === '*') return '/';
  if (pattern.includes('{')) return pattern.replace(/\{\*\*\}|\{\*\}/g, 'x');
  if (pattern.endsWith('*')) return pattern.slice(0, -1);
  if (pattern.startsWith('*')) return `/index${pattern.slice(1)}`;
  return pattern;
}

/** The trace source for a workload identity: `pod:<namespace>/<service account>`; none for patterns. */
export function _podSource(namespace: string | undefined, serviceAccount: string | undefined): string | undefined {
  if (namespace === undefined || namespace.includes('*')) return undefined;
  if (serviceAccount !== undefined && serviceAccount.includes('*')) return undefined;
  return `pod:${namespace}/${serviceAccount ?? 'default'}`;
}
