/** True for a TCP/UDP port number: a whole number from 1 to 65535. @internal */
export function _isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}
