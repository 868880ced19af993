import { AnalysisLevel } from './finding';
import { _MeshModel, _Obj } from './model';

/** What a rule reports: the object, and the message about it. @internal */
export interface _RawFinding {
  readonly obj: _Obj;
  readonly message: string;
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
