/**
 * What a CRD validator calls while it runs, whether ajv compiled it in this process (`_ajv.ts`, for
 * schemas given at run time) or it was generated ahead of time from the pinned CRDs
 * (`imports/crd-validators.js`, which receives this object as `runtime`). Only light modules load
 * here: ajv-formats' format table (no ajv), and @bufbuild/cel on the first CEL rule evaluated.
 */
import type * as cel from './_cel';
import { _CEL_JS, _CelRuleSetSource } from './_cel-source';

export type { _CelRuleSetSource, _CelTypeNode } from './_cel-source';

/* eslint-disable @typescript-eslint/no-require-imports */
const lazyCel = (): typeof cel => require('./_cel');
/* eslint-enable @typescript-eslint/no-require-imports */

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

/** The rules of a set as the failure messages need them, decoded on first use (JSON only: no CEL runtime). */
const ruleTexts = new WeakMap<_CelRuleSetSource, ReadonlyArray<{ readonly rule: string; readonly message?: string }>>();

function ruleText(set: _CelRuleSetSource, i: number): string {
  let rules = ruleTexts.get(set);
  if (!rules) ruleTexts.set(set, rules = (JSON.parse(set.s) as { rules: { rule: string; message?: string }[] }).rules);
  return rules[i].message ?? `failed rule: ${rules[i].rule}`;
}

/**
 * The messages of the CEL rules `data` breaks, in rule order. The rules compiled to JavaScript run first; the others,
 * and those whose compiled code meets data it was not compiled for, go to the CEL interpreter, which loads then.
 */
function celProblems(set: _CelRuleSetSource, data: unknown): string[] {
  const compiled = set.c;
  if (!compiled) return lazyCel()._failedCelChecks(set, data);
  let failed: number[] | undefined;
  let interpret: number[] | undefined;
  for (let i = 0; i < compiled.length; i++) {
    const fn = compiled[i];
    let verdict: unknown;
    if (fn) {
      try {
        verdict = fn(_CEL_JS, data);
      } catch {
        verdict = undefined;
      }
    }
    if (verdict === true) continue;
    if (verdict === false) (failed ??= []).push(i);
    else (interpret ??= []).push(i);
  }
  if (!interpret) return failed ? failed.map((i) => ruleText(set, i)) : [];
  const interpreted = lazyCel()._failedCelChecksOf(set, data, interpret);
  const messages: string[] = [];
  for (let i = 0; i < compiled.length; i++) {
    if (failed?.includes(i)) messages.push(ruleText(set, i));
    const message = interpreted.get(i);
    if (message !== undefined) messages.push(message);
  }
  return messages;
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
