/** How serious a finding is. */
export enum AnalysisLevel {
  /** The configuration is broken: synth fails. */
  ERROR = 'error',
  /** The configuration works but likely not as intended. */
  WARNING = 'warning',
  /** Worth knowing; nothing is wrong. */
  INFO = 'info',
}

const RANK: Record<AnalysisLevel, number> = { [AnalysisLevel.ERROR]: 3, [AnalysisLevel.WARNING]: 2, [AnalysisLevel.INFO]: 1 };

/** How serious a level is, for ordering: error 3, warning 2, info 1. @internal */
export function _rank(level: AnalysisLevel): number {
  return RANK[level];
}

/** One finding of the mesh analysis about one object. */
export interface Finding {
  /** The rule's id: Istio's code where Istio has one (`IST0101`), else ours (`CI0001`). */
  readonly code: string;
  /** The rule's stable name (`authz/namespace-not-found`), unique where several rules share one code. */
  readonly rule: string;
  /** How serious it is. */
  readonly level: AnalysisLevel;
  /** Kind of the object it is about. */
  readonly kind: string;
  /** Namespace of the object, as its manifest declares it. @default - the manifest has none */
  readonly namespace?: string;
  /** Name of the object. */
  readonly name: string;
  /** `<Kind> <namespace>/<name>`, or `<Kind> <name>` when the manifest has no namespace (Istio's form). */
  readonly resource: string;
  /** What is wrong, about this object. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** Construct path or file the object came from. @default - not known */
  readonly source?: string;
  /** Why the finding was suppressed, when it was. @default - not suppressed */
  readonly suppressedReason?: string;
}
