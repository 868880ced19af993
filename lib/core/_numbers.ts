import type { _Problems } from './_errors';

/** True for a percentage: a finite number from 0 to 100. @internal */
export function _isPercentage(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
}

/**
 * Records a problem unless `value` is a percentage from 0 to 100 (Istio's `Percent` and
 * `ValidatePercent`, istio/istio 1.30.3 `pkg/config/validation/validation.go`); undefined passes.
 * `whole` asks for a whole number (a Gateway API `percent`, an int32 percentage).
 * @internal
 */
export function _checkPercentage(problems: _Problems, prop: string, value: unknown, whole: boolean = false): void {
  if (value === undefined) return;
  const ok = _isPercentage(value) && (!whole || Number.isInteger(value));
  problems.check(ok, prop, `must be a ${whole ? 'whole number' : 'percentage'} from 0 to 100`, value,
    whole ? 'Use a whole percentage from 0 to 100, such as 10.' : 'Use a number from 0 to 100.');
}

/** Records a problem unless `value` is a whole number from `min` to 2147483647 (int32); undefined passes. @internal */
export function _checkCount(problems: _Problems, prop: string, value: unknown, min: number = 0): void {
  if (value === undefined) return;
  problems.check(Number.isInteger(value) && (value as number) >= min && (value as number) <= 2_147_483_647, prop,
    `must be a whole number of at least ${min}`, value, `Use a whole number from ${min} to 2147483647.`);
}
