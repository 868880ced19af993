import { AnalysisLevel } from './finding';
import { _MeshModel, _Obj } from './model';
import { _serviceFqdn } from '../core/_host';

/**
 * What a finding about a missing object refers to: where the object would live, and what it would be. The engine
 * drops the finding when the reference is external (declared so, or, outside strict mode, into a namespace the
 * manifests do not define). @internal
 */
export interface _Reference {
  /** The namespace the missing object would be in. Undefined: no particular one (a cluster-wide selector, a pattern). */
  readonly namespace?: string;
  /** A host (FQDN as the rule resolved it, or an external name). */
  readonly host?: string;
  /** `<namespace>/<service account>`. */
  readonly serviceAccount?: string;
  /** Labels of workloads that would be selected. */
  readonly workloadLabels?: Record<string, string>;
  /** A namespace pattern (`team-*`). */
  readonly namespacePattern?: string;
}

/** What a rule reports: the object, the message about it, and for a missing reference, what it refers to. @internal */
export interface _RawFinding {
  readonly obj: _Obj;
  readonly message: string;
  readonly ref?: _Reference;
}

/**
 * One analysis rule: a pure function of the mesh model. It returns findings and never throws.
 * One rule per file under `rules/<area>/`, with its id, level, cause, why and fix beside its check.
 * @internal
 */
export interface _Rule {
  /** Istio's code for the same finding (`IST0118`), or ours (`CI0001`); stable, never reused. */
  readonly id: string;
  /**
   * The rule's own stable name, `<area>/<check>` after its file (`authz/namespace-not-found`): unique where
   * several rules share an Istio code, so one of them can be disabled or suppressed alone.
   */
  readonly rule: string;
  /** Istio's message name (`PortNameIsNotUnderNamingConvention`) or ours. */
  readonly name: string;
  readonly level: AnalysisLevel;
  /** One line: what the rule finds. */
  readonly cause: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix it. */
  readonly fix: string;
  /** The istioctl analyzer that emits the same code, if any. */
  readonly istioAnalyzer?: string;
  /** When true, no suppression silences the rule. */
  readonly unsuppressible?: boolean;
  readonly check: (model: _MeshModel) => _RawFinding[];
}

/** Istio's display name of an object: `<Kind> <ns>/<name>`, or `<Kind> <name>` without a namespace. @internal */
export function _resourceName(obj: _Obj): string {
  return obj.declaredNamespace ? `${obj.kind} ${obj.declaredNamespace}/${obj.name}` : `${obj.kind} ${obj.name}`;
}

/**
 * The reference to a host as seen from a namespace: its FQDN for a Service (`<name>.<ns>.svc.cluster.local`, a short
 * name resolved in `fromNamespace`) with that Service's namespace; an external name with `fromNamespace`, where the
 * ServiceEntry for it would be visible. @internal
 */
export function _hostRef(host: string, fromNamespace: string): _Reference {
  if (!host.includes('.') && !host.includes('*')) return { host: _serviceFqdn(host, fromNamespace), namespace: fromNamespace };
  const cluster = /^[^.]+\.([^.]+)\.svc\.cluster\.local$/.exec(host) ?? /^[^.]+\.([^.]+)(\.svc)?$/.exec(host);
  if (cluster && (host.endsWith('.svc.cluster.local') || host.split('.').length <= 3)) {
    const [name, ns] = host.split('.');
    return { host: _serviceFqdn(name, ns), namespace: cluster[1] };
  }
  return { host, namespace: fromNamespace };
}
