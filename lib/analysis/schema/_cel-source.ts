/**
 * The CEL rule sets as validators carry them, and what the rules compiled to JavaScript call while they run.
 * Light: loading this module loads no CEL runtime. Shared by the interpreter (`_cel.ts`), the run-time
 * hooks (`_runtime.ts`) and the compiler (`_cel-compile.ts`).
 */

/** The JSON-schema parts of a CRD node that decide how CEL sees its data (integers against doubles). @internal */
export interface _CelTypeNode {
  readonly 'type'?: string;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'properties'?: { readonly [key: string]: _CelTypeNode };
  readonly 'additionalProperties'?: _CelTypeNode;
  readonly 'items'?: _CelTypeNode;
}

/**
 * A CEL rule compiled to JavaScript (`_cel-compile.ts`): called with `_CEL_JS` and the node's data, it returns the
 * rule's verdict, or throws when the data leaves the forms it was compiled for (a missing field, a number read from
 * the data, a null, a type CEL would reject): then the CEL interpreter decides.
 * @internal
 */
export type _CompiledCelRule = (c: typeof _CEL_JS, self: unknown) => unknown;

/**
 * The CEL rules of one schema node (`x-kubernetes-validations`, without the transition rules that read
 * `oldSelf`), parsed and checked when the validator was built, as JSON text: `rules` (each `rule`, its
 * `message` and `expr`, the parsed `cel.expr.ParsedExpr` in protobuf binary, base64) and `type`, the
 * node's schema reduced to what CEL's view of its data depends on (`_CelTypeNode`). Decoded on first use.
 * `c`, in validators generated ahead of time: each rule compiled to JavaScript, or null for the forms
 * `_cel-compile.ts` does not compile (those always go to the interpreter).
 * @internal
 */
export interface _CelRuleSetSource {
  readonly s: string;
  readonly c?: ReadonlyArray<_CompiledCelRule | null>;
}

/** Thrown by the helpers below when the data leaves the compiled happy path. */
const BAIL = new Error('not compiled for this data');

function bail(): never {
  throw BAIL;
}

function isMap(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** A value read from the data as the compiled code may use it: a string, boolean, object or list (no number, no null). */
function dataValue(v: unknown): unknown {
  if (typeof v === 'string' || typeof v === 'boolean' || (v !== null && typeof v === 'object')) return v;
  return bail();
}

function sameScalars(a: unknown, b: unknown): boolean {
  const t = typeof a;
  return (t === 'string' || t === 'boolean' || (t === 'number' && Number.isSafeInteger(a))) && typeof b === t
    && (t !== 'number' || Number.isSafeInteger(b));
}

function iterated(x: unknown): unknown[] {
  if (Array.isArray(x)) return x.map(dataValue);
  if (isMap(x)) return Object.keys(x);
  return bail();
}

/**
 * @internal
 * What compiled rules call: each takes CEL's meaning on the values it is written for (strings, booleans, the integers
 * of literals and `size()`, maps, lists) and throws for any other, so that the interpreter decides those.
 */
export const _CEL_JS = {
  /** `self`, or a value the compiled code reads. */
  d: dataValue,
  /** `a.f`: the field of a map (CEL: an error when absent). */
  get(o: unknown, key: string): unknown {
    if (!isMap(o) || !Object.prototype.hasOwnProperty.call(o, key)) return bail();
    return dataValue(o[key]);
  },
  /** `has(a.f)`. */
  has(o: unknown, key: string): boolean {
    return isMap(o) ? Object.prototype.hasOwnProperty.call(o, key) : bail();
  },
  /** `a[i]` of a list. */
  at(o: unknown, i: unknown): unknown {
    if (!Array.isArray(o) || typeof i !== 'number' || !Number.isSafeInteger(i) || i < 0 || i >= o.length) return bail();
    return dataValue(o[i]);
  },
  /** A boolean operand (`!`, `&&`, `||`, `?:`, a rule's result). */
  b(x: unknown): boolean {
    return typeof x === 'boolean' ? x : bail();
  },
  eq(a: unknown, b: unknown): boolean {
    return sameScalars(a, b) ? a === b : bail();
  },
  /** `<`, `<=`, `>`, `>=` on integers. */
  cmp(a: unknown, b: unknown): number {
    if (typeof a !== 'number' || typeof b !== 'number' || !Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return bail();
    return a - b;
  },
  add(a: unknown, b: unknown): unknown {
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
      const sum = a + b;
      return Number.isSafeInteger(sum) ? sum : bail();
    }
    return bail();
  },
  sub(a: unknown, b: unknown): unknown {
    if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
      const diff = a - b;
      return Number.isSafeInteger(diff) ? diff : bail();
    }
    return bail();
  },
  /** `size(x)`: code points of a string, items of a list, entries of a map. */
  size(x: unknown): number {
    if (typeof x === 'string') {
      let n = 0;
      for (const _ of x) n++;
      return n;
    }
    if (Array.isArray(x)) return x.length;
    if (isMap(x)) return Object.keys(x).length;
    return bail();
  },
  /** `a in list`, `key in map`. */
  in(a: unknown, container: unknown): boolean {
    if (Array.isArray(container)) {
      for (const item of container) if (!sameScalars(a, item)) return bail();
      return container.includes(a);
    }
    if (isMap(container) && typeof a === 'string') return Object.prototype.hasOwnProperty.call(container, a);
    return bail();
  },
  contains(s: unknown, t: unknown): boolean {
    return typeof s === 'string' && typeof t === 'string' ? s.includes(t) : bail();
  },
  startsWith(s: unknown, t: unknown): boolean {
    return typeof s === 'string' && typeof t === 'string' ? s.startsWith(t) : bail();
  },
  endsWith(s: unknown, t: unknown): boolean {
    return typeof s === 'string' && typeof t === 'string' ? s.endsWith(t) : bail();
  },
  /** `x.all(v, p)` over a list's items or a map's keys: false as soon as one is false (CEL's result even if others err). */
  all(x: unknown, p: (v: unknown) => unknown): boolean {
    const items = iterated(x);
    let failed = false;
    for (const v of items) {
      try {
        if (!_CEL_JS.b(p(v))) return false;
      } catch {
        failed = true;
      }
    }
    return failed ? bail() : true;
  },
  /** `x.exists(v, p)`: true as soon as one is true. */
  exists(x: unknown, p: (v: unknown) => unknown): boolean {
    const items = iterated(x);
    let failed = false;
    for (const v of items) {
      try {
        if (_CEL_JS.b(p(v))) return true;
      } catch {
        failed = true;
      }
    }
    return failed ? bail() : false;
  },
  /** `x.exists_one(v, p)`. */
  existsOne(x: unknown, p: (v: unknown) => unknown): boolean {
    let n = 0;
    for (const v of iterated(x)) if (_CEL_JS.b(p(v))) n++;
    return n === 1;
  },
  /** `x.filter(v, p)`: a list. */
  filter(x: unknown, p: (v: unknown) => unknown): unknown[] {
    return iterated(x).filter((v) => _CEL_JS.b(p(v)));
  },
};
