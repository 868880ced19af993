/** A JSON object as rendered for a manifest field the L1 types spell differently (enums of their own). @internal */
export type _JsonObject = { [field: string]: unknown };

/** A copy of `o` without its undefined values: the one "drop undefined fields" helper. @internal */
export function _compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A copy of `o` without its undefined values and empty lists, each list copied, so later changes
 * to the input do not leak in. @internal
 */
export function _compactLists<T extends object>(o: T): T {
  return _compact(Object.fromEntries(Object.entries(o)
    .map(([k, v]) => [k, Array.isArray(v) ? (v.length === 0 ? undefined : [...v]) : v])) as T);
}

/**
 * A snapshot of a value given to a construct: plain objects and arrays are copied all the way down,
 * class instances (Duration, ServiceHost, value classes) are kept, so that later changes to the
 * caller's objects do not reach the manifest. @internal
 */
export function _snapshot<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => _snapshot(v)) as unknown as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, _snapshot(v)])) as T;
  }
  return value;
}
