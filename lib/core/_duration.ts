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
  const ms = _durationMillis(duration, subject, prop);
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

/**
 * The milliseconds of a Duration a construct or factory received, or an error naming `subject` and
 * `prop`: for a value that is not a Duration (a JavaScript caller's `5` or `'5s'`), and for an error
 * cdk8s itself throws while converting it, which would otherwise reach the user without the
 * construct path. (`Duration.seconds(-5)` throws inside cdk8s before any construct sees the value:
 * that message is cdk8s' own, and its stack trace is the only pointer to the line.)
 * @internal
 */
export function _durationMillis(duration: Duration, subject: string, prop: string): number {
  if (duration === null || typeof duration !== 'object' || typeof (duration as { toMilliseconds?: unknown }).toMilliseconds !== 'function') {
    _fail(subject, prop, 'must be a cdk8s Duration', duration,
      `Use Duration.seconds(${typeof duration === 'number' ? duration : 5}) or Duration.millis(...), from the cdk8s package.`);
  }
  let ms: number;
  try {
    ms = duration.toMilliseconds({ integral: false });
  } catch (e) {
    _fail(subject, prop, `could not be converted to milliseconds (cdk8s: ${(e as Error).message})`, duration, 'Use Duration.millis(n) with a whole, positive n.');
  }
  return ms;
}
