import type { _Problems } from './_errors';

/** True for a TCP/UDP port number: a whole number from 1 to 65535. @internal */
export function _isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** The one wording of the port-range problem. @internal */
export const _PORT_PROBLEM = 'must be a port number from 1 to 65535';

/**
 * Records a problem unless `value` is a port number (a whole number from 1 to 65535): the one
 * port check of the library. `fix` says which port to give; the default names the range.
 * @internal
 */
export function _checkPort(problems: _Problems, prop: string, value: unknown, fix: string = 'Use a whole number from 1 to 65535, such as 8080.'): void {
  problems.check(_isPort(value), prop, _PORT_PROBLEM, value, fix);
}

/** `_checkPort` for an optional port: undefined passes. @internal */
export function _checkOptionalPort(problems: _Problems, prop: string, value: unknown, fix?: string): void {
  if (value !== undefined) _checkPort(problems, prop, value, fix);
}
