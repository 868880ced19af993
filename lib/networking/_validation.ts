import type { Destination } from './destination';
import { _Problems } from '../core/_errors';
import { _isPort } from '../core/_port';
import { _MAX_ISTIO_REGEX_LENGTH, _re2Problem, _RE2_FIX } from '../core/_re2';

/** Records a problem unless `port` is a whole number from 1 to 65535. */
export function _checkPort(problems: _Problems, prop: string, port: number | undefined): void {
  if (port === undefined) return;
  problems.check(_isPort(port), prop, 'must be a port from 1 to 65535', port,
    'Use a whole number from 1 to 65535.');
}

/** Records a problem unless `value` is a percentage from 0 to 100. */
export function _checkPercentage(problems: _Problems, prop: string, value: number | undefined): void {
  if (value === undefined) return;
  problems.check(Number.isFinite(value) && value >= 0 && value <= 100, prop, 'must be a percentage from 0 to 100', value,
    'Use a number from 0 to 100.');
}

/** Records a problem unless `value` is a whole number of at least `min`. */
export function _checkCount(problems: _Problems, prop: string, value: number | undefined, min: number = 0): void {
  if (value === undefined) return;
  problems.check(Number.isInteger(value) && value >= min && value <= 2_147_483_647, prop, `must be a whole number of at least ${min}`, value,
    `Use a whole number from ${min} to 2147483647.`);
}

/** Records a problem unless `regex` is an RE2 expression istiod accepts (at most 1024 characters). */
export function _checkRegex(problems: _Problems, prop: string, regex: string): void {
  const problem = _re2Problem(regex, _MAX_ISTIO_REGEX_LENGTH);
  if (problem) problems.add(prop, `must be an RE2 regular expression: it ${problem}`, regex, _RE2_FIX);
}

/**
 * Records a problem when a route with several destinations gives every one of them weight 0: no
 * traffic could go anywhere. Istio treats weights as proportions, so they need not sum to 100.
 */
export function _checkWeights(problems: _Problems, prop: string, destinations: readonly Destination[]): void {
  if (destinations.length < 2) return;
  const weights = destinations.map((d) => d.weight ?? 0);
  if (weights.every((w) => w === 0)) {
    problems.add(prop, 'must give at least one destination a weight above 0', weights,
      'Give the destinations weights; Istio reads them as proportions (they need not sum to 100).');
  }
}

/**
 * Empties `list`, then gives each item to `add` (which checks it and pushes it); if `add` throws,
 * `list` is restored as it was and the error goes on. @internal
 */
export function _replaceEach<T>(list: T[], items: readonly T[], add: (item: T) => void): void {
  const previous = list.splice(0);
  try {
    items.forEach(add);
  } catch (e) {
    list.splice(0, list.length, ...previous);
    throw e;
  }
}
