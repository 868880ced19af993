import { Duration } from 'cdk8s';
import { _durationMillis } from '../core/_duration';
import { _fail } from '../core/_errors';

/**
 * Renders a Duration as a Gateway API duration (GEP-2257: whole numbers of h, m, s or ms, such as
 * `10s` or `1500ms`; no fractions).
 */
export function _renderGatewayDuration(d: Duration, subject: string, prop: string): string {
  const ms = _durationMillis(d, subject, prop);
  if (!Number.isInteger(ms) || ms < 1) {
    _fail(subject, prop, 'must be a whole number of milliseconds, at least 1', d, 'Use Duration.millis(1) or more, in whole milliseconds.');
  }
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1_000]] as const) {
    if (ms % size === 0 && ms / size <= 99999) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
