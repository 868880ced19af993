/**
 * The annotation that records suppressions on a manifest. Its key has no `istio.io/` in it, so
 * Istio's own annotation checks do not take it for an Istio annotation.
 */
export const SUPPRESS_ANNOTATION = 'cdk8s-istio.analysis/suppress';

/** Shortest reason a suppression must give. */
export const MIN_REASON_LENGTH = 10;

/** A suppression of one rule on one object. */
export interface Suppression {
  /**
   * The rule to suppress: its id (`IST0118`, `CI0003`; every rule with that code) or its rule name
   * (`authz/namespace-not-found`; that rule alone).
   */
  readonly id: string;
  /** Why, in at least 10 characters: shown in every report. */
  readonly reason: string;
}

/**
 * Reads the suppressions recorded on a manifest. Malformed annotations are reported, not thrown:
 * the problems are returned beside the suppressions that could be read.
 * @internal
 */
export function _readSuppressions(manifest: any): { suppressions: Suppression[]; problems: string[] } {
  const value = manifest?.metadata?.annotations?.[SUPPRESS_ANNOTATION];
  if (value === undefined) return { suppressions: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { suppressions: [], problems: [`annotation ${SUPPRESS_ANNOTATION} is not JSON (received: ${JSON.stringify(value)})`] };
  }
  const suppressions: Suppression[] = [];
  const problems: string[] = [];
  for (const entry of Array.isArray(parsed) ? parsed : [parsed]) {
    const id = (entry as any)?.id;
    const reason = (entry as any)?.reason;
    if (typeof id !== 'string' || typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
      problems.push(`suppression ${JSON.stringify(entry)} needs an 'id' and a 'reason' of at least ${MIN_REASON_LENGTH} characters`);
      continue;
    }
    suppressions.push({ id, reason: reason.trim() });
  }
  return { suppressions, problems };
}

/** The annotation value that records these suppressions. @internal */
export function _writeSuppressions(existing: string | undefined, add: Suppression): string {
  const current = existing ? _readSuppressions({ metadata: { annotations: { [SUPPRESS_ANNOTATION]: existing } } }).suppressions : [];
  const merged = [...current.filter((s) => s.id !== add.id), add];
  return JSON.stringify(merged);
}
