/**
 * What a CRD validator calls while it runs, whether ajv compiled it in this process (`_ajv.ts`, for
 * schemas given at run time) or it was generated ahead of time from the pinned CRDs
 * (`imports/crd-validators.js`, which receives this object as `runtime`). Only light modules load
 * here: ajv-formats' format table (no ajv), and @bufbuild/cel on the first CEL rule evaluated.
 */
import type * as cel from './_cel';

/* eslint-disable @typescript-eslint/no-require-imports */
const lazyCel = (): typeof cel => require('./_cel');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The JSON-schema parts of a CRD node that decide how CEL sees its data (integers against doubles). @internal */
export interface _CelTypeNode {
  readonly 'type'?: string;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'properties'?: { readonly [key: string]: _CelTypeNode };
  readonly 'additionalProperties'?: _CelTypeNode;
  readonly 'items'?: _CelTypeNode;
}

/**
 * The CEL rules of one schema node (`x-kubernetes-validations`, without the transition rules that read
 * `oldSelf`), parsed and checked when the validator was built, as JSON text: `rules` (each `rule`, its
 * `message` and `expr`, the parsed `cel.expr.ParsedExpr` in protobuf binary, base64) and `type`, the
 * node's schema reduced to what CEL's view of its data depends on (`_CelTypeNode`). Decoded on first use.
 * @internal
 */
export interface _CelRuleSetSource {
  readonly s: string;
}

/** Kubernetes' numeric formats: bounds of the Go types behind them. @internal */
export const _KUBERNETES_FORMATS: { [name: string]: { type: 'number'; validate: (n: number) => boolean } } = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  uint32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 2 ** 32 - 1 },
  double: { type: 'number', validate: () => true },
  float: { type: 'number', validate: () => true },
};

let formats: { [name: string]: unknown } | undefined;

/**
 * The message for a list that breaks its `x-kubernetes-list-type` (a duplicate item of a `set`, two
 * items of a `map` with the same keys); undefined when the list is fine or not a list.
 */
function listTypeProblem(kind: string, keys: readonly string[], data: unknown): string | undefined {
  if (!Array.isArray(data) || (kind !== 'set' && kind !== 'map')) return undefined;
  const seen = new Set<string>();
  for (const item of data) {
    const id = kind === 'set' ? JSON.stringify(item) : JSON.stringify(keys.map((k) => item?.[k]));
    if (seen.has(id)) {
      return kind === 'set'
        ? `must not hold duplicate items (x-kubernetes-list-type: set; duplicate ${id})`
        : `must not hold two items with the same ${keys.join(', ')} (x-kubernetes-list-type: map; duplicate ${id})`;
    }
    seen.add(id);
  }
  return undefined;
}

/** The messages of the CEL rules `data` breaks. */
function celProblems(set: _CelRuleSetSource, data: unknown): string[] {
  return lazyCel()._failedCelChecks(set, data);
}

/** @internal The functions and tables validators call, under the names the generated code uses. */
export const _RUNTIME = {
  /** ajv-formats' formats with Kubernetes' numeric ones, as ajv was given them when the code was generated. */
  get formats(): { [name: string]: unknown } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (!formats) formats = { ...require('ajv-formats/dist/formats').fullFormats, ..._KUBERNETES_FORMATS };
    return formats!;
  },
  listType: listTypeProblem,
  cel: celProblems,
};
