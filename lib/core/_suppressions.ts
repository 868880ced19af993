/**
 * How a suppression of a mesh analysis rule is written on a manifest: the `cdk8s-istio.analysis/suppress`
 * annotation, a JSON list of `{ id, reason }`. It lives in core so that a construct can suppress a rule on what it
 * creates (`AuthorizationPolicy.allowAll()` suppresses CI0004) without importing the analysis: constructs write the
 * annotation, the analysis reads it.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * The annotation that records suppressions on a manifest. Its key has no `istio.io/` in it, so Istio's own annotation
 * checks do not take it for an Istio annotation. @internal
 */
export const _SUPPRESS_ANNOTATION = 'cdk8s-istio.analysis/suppress';

/** Shortest reason a suppression must give. @internal */
export const _MIN_REASON_LENGTH = 10;

/** One suppression as the annotation records it: a rule id or rule name, and why. @internal */
export interface _SuppressionEntry {
  readonly id: string;
  readonly reason: string;
}

/**
 * Reads an annotation value: the suppressions it holds, and a problem for each entry that is not one (or for a value
 * that is not JSON). Never throws. @internal
 */
export function _parseSuppressions(value: string | undefined): { suppressions: _SuppressionEntry[]; problems: string[] } {
  if (value === undefined) return { suppressions: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { suppressions: [], problems: [`annotation ${_SUPPRESS_ANNOTATION} is not JSON (received: ${JSON.stringify(value)})`] };
  }
  const suppressions: _SuppressionEntry[] = [];
  const problems: string[] = [];
  for (const entry of Array.isArray(parsed) ? parsed : [parsed]) {
    const id = (entry as any)?.id;
    const reason = (entry as any)?.reason;
    if (typeof id !== 'string' || typeof reason !== 'string' || reason.trim().length < _MIN_REASON_LENGTH) {
      problems.push(`suppression ${JSON.stringify(entry)} needs an 'id' and a 'reason' of at least ${_MIN_REASON_LENGTH} characters`);
      continue;
    }
    suppressions.push({ id, reason: reason.trim() });
  }
  return { suppressions, problems };
}

/** The annotation value with `add` recorded: the readable entries of `existing`, less any for the same id, then `add`. @internal */
export function _withSuppression(existing: string | undefined, add: _SuppressionEntry): string {
  const current = _parseSuppressions(existing).suppressions;
  return JSON.stringify([...current.filter((s) => s.id !== add.id), add]);
}

/**
 * Records a suppression on every Kubernetes object under a construct (the construct itself included). The caller
 * checks the id and the reason. @internal
 */
export function _suppressRule(scope: IConstruct, id: string, reason: string): void {
  const objects = scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
  for (const obj of objects) {
    const existing = obj.metadata.toJson().annotations?.[_SUPPRESS_ANNOTATION];
    obj.metadata.addAnnotation(_SUPPRESS_ANNOTATION, _withSuppression(existing, { id, reason }));
  }
}
