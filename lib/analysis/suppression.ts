import { _MIN_REASON_LENGTH, _parseSuppressions, _SUPPRESS_ANNOTATION } from '../core/_suppressions';

/**
 * The annotation that records suppressions on a manifest. Its key has no `istio.io/` in it, so
 * Istio's own annotation checks do not take it for an Istio annotation.
 */
export const SUPPRESS_ANNOTATION = _SUPPRESS_ANNOTATION;

/** Shortest reason a suppression must give. */
export const MIN_REASON_LENGTH = _MIN_REASON_LENGTH;

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
  return _parseSuppressions(manifest?.metadata?.annotations?.[SUPPRESS_ANNOTATION]);
}
