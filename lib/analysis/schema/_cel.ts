/**
 * Evaluates the CEL rules of CRD schemas (`x-kubernetes-validations`) the way the Kubernetes API
 * server does on create: `self` is the value at the rule's schema node, integers are CEL `int`,
 * objects and maps are CEL maps, and the Kubernetes CEL libraries that Istio's and the Gateway
 * API's rules call (`url`, `isURL`, `getScheme`, `isIP`, the strings extension) are available.
 * Transition rules (those that read `oldSelf`) only apply to updates and are skipped.
 */
import * as net from 'net';
import { celEnv, celFunc, celMethod, CelScalar, isCelError, parse, plan } from '@bufbuild/cel';
import type { CelInput } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

/** One `x-kubernetes-validations` entry. @internal */
export interface _CelRule {
  readonly rule: string;
  readonly message?: string;
  readonly reason?: string;
  readonly fieldPath?: string;
}

function parseRequestUri(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

/** Kubernetes' URL library, reduced to what the pinned CRDs call; a URL is carried as its string. */
const KUBERNETES_FUNCS = [
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, (s: string) => s.startsWith('/') || parseRequestUri(s) !== undefined),
  celFunc('url', [CelScalar.STRING], CelScalar.STRING, (s: string) => {
    if (!s.startsWith('/') && parseRequestUri(s) === undefined) throw new Error(`URL parse error during conversion from string: ${s}`);
    return s;
  }),
  celMethod('getScheme', CelScalar.STRING, [], CelScalar.STRING, function getScheme(this: string) {
    return parseRequestUri(this)?.protocol.replace(/:$/, '') ?? '';
  }),
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (s: string) => net.isIP(s) !== 0),
];

const env = celEnv({ funcs: [...strings, ...KUBERNETES_FUNCS] });
const planned = new Map<string, (ctx: any) => unknown>();

function compiled(rule: string): (ctx: any) => unknown {
  let fn = planned.get(rule);
  if (!fn) {
    fn = plan(env, parse(rule)) as (ctx: any) => unknown;
    planned.set(rule, fn);
  }
  return fn;
}

/** @internal Converts JSON data to CEL input, guided by the schema: `integer` (and int-or-string numbers) become CEL ints. */
export function _toCel(data: unknown, schema: any): CelInput {
  if (data === null || data === undefined) return null;
  if (Array.isArray(data)) return data.map((item) => _toCel(item, schema?.items));
  if (typeof data === 'object') {
    const entries = Object.entries(data as Record<string, unknown>).map(([key, value]) => {
      const sub = schema?.properties?.[key] ?? (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      return [key, _toCel(value, sub)] as [string, CelInput];
    });
    return new Map(entries);
  }
  if (typeof data === 'number') {
    const integral = schema?.type === 'integer' || schema?.['x-kubernetes-int-or-string'] || (schema?.type === undefined && Number.isInteger(data));
    return integral && Number.isInteger(data) ? BigInt(data) : data;
  }
  return data as CelInput;
}

/**
 * @internal
 * The messages of the rules that `data` breaks; empty when all hold. A rule that cannot be
 * evaluated (a missing key, a type error) counts as broken, as it does in the API server.
 */
export function _failedCelRules(rules: readonly _CelRule[], data: unknown, schema: any): string[] {
  const failures: string[] = [];
  const self = _toCel(data, schema);
  for (const r of rules) {
    if (r.rule.includes('oldSelf')) continue;
    const result = compiled(r.rule)({ self });
    if (result === true) continue;
    const what = r.message ?? `failed rule: ${r.rule}`;
    failures.push(isCelError(result) ? `${what} (rule could not be evaluated: ${(result as Error).message})` : what);
  }
  return failures;
}
