import { Duration } from 'cdk8s';
import { _fail } from './_errors';

const UNITS: Array<[string, number]> = [['h', 3_600_000], ['m', 60_000], ['s', 1_000]];

/**
 * Renders a `cdk8s.Duration` as an Istio duration string, in the largest unit that holds it
 * exactly: `2s`, `1.5s`, `250ms`, `5m`, `1h`.
 *
 * Istio's CRDs require durations of at least 1 ms (`duration(self) >= duration('1ms')`); shorter
 * ones throw, naming `subject` and `prop`.
 */
export function _renderDuration(duration: Duration, subject: string, prop: string): string {
  const ms = duration.toMilliseconds({ integral: false });
  if (!Number.isFinite(ms) || ms < 1) {
    _fail(subject, prop, 'must be at least 1ms, as Istio requires', duration, 'Use Duration.millis(1) or more.');
  }
  if (!Number.isInteger(ms)) {
    _fail(subject, prop, 'must be a whole number of milliseconds', duration, 'Round it to whole milliseconds.');
  }
  for (const [unit, size] of UNITS) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return ms > 1000 ? `${ms / 1000}s` : `${ms}ms`;
}
