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
