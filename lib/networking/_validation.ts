import { _Problems } from '../core/_errors';
import { _MAX_ISTIO_REGEX_LENGTH, _re2Problem, _RE2_FIX } from '../core/_re2';

/** Records a problem unless `regex` is an RE2 expression istiod accepts (at most 1024 characters). */
export function _checkRegex(problems: _Problems, prop: string, regex: string): void {
  const problem = _re2Problem(regex, _MAX_ISTIO_REGEX_LENGTH);
  if (problem) problems.add(prop, `must be an RE2 regular expression: it ${problem}`, regex, _RE2_FIX);
}

/**
 * Records a problem when a route with several destinations gives every one of them weight 0: no
 * traffic could go anywhere. Istio treats weights as proportions, so they need not sum to 100.
 */
export function _checkWeights(problems: _Problems, prop: string, destinations: ReadonlyArray<{ readonly weight?: number }>): void {
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
