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

const HEX2 = /^[0-9a-fA-F]{2}$/;

/** True when every `%` in the text starts a valid escape (`%41`), as Go's url.unescape requires. */
function validEscapes(text: string): boolean {
  for (let i = text.indexOf('%'); i !== -1; i = text.indexOf('%', i + 1)) {
    if (!HEX2.test(text.slice(i + 1, i + 3))) return false;
  }
  return true;
}

/**
 * What Kubernetes' CEL URL library accepts: Go's `url.ParseRequestURI` (an absolute URI, or an
 * absolute path), and the scheme it reads, lower-cased. Undefined when Go returns an error.
 * Only the checks Go makes are made: e.g. a port must be digits, but is not range-checked.
 */
function parseRequestUri(raw: string): { scheme: string } | undefined {
  if (/[\x00-\x1f\x7f]/.test(raw)) return undefined;
  let scheme = '';
  let rest = raw;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw);
  if (m) {
    scheme = m[1].toLowerCase();
    rest = raw.slice(m[0].length);
  } else if (/^:/.test(raw)) {
    return undefined; // missing protocol scheme
  }
  const q = rest.indexOf('?');
  if (q !== -1) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) return scheme ? { scheme } : undefined; // opaque URI, or no scheme and no absolute path
  if (scheme && rest.startsWith('//')) {
    const afterSlashes = rest.slice(2);
    const slash = afterSlashes.indexOf('/');
    const authority = slash === -1 ? afterSlashes : afterSlashes.slice(0, slash);
    rest = slash === -1 ? '' : afterSlashes.slice(slash);
    const at = authority.lastIndexOf('@');
    if (at !== -1) {
      const userinfo = authority.slice(0, at);
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo) || !validEscapes(userinfo)) return undefined;
    }
    const host = authority.slice(at + 1);
    if (host.startsWith('[')) {
      const close = host.indexOf(']');
      if (close === -1 || !/^(:[0-9]*)?$/.test(host.slice(close + 1))) return undefined;
    } else {
      const colon = host.lastIndexOf(':');
      if (colon !== -1 && !/^:[0-9]*$/.test(host.slice(colon))) return undefined;
      if (!/^[A-Za-z0-9\-._~!$&'()*+,;=:<>"%]*$/.test(host) || !validEscapes(host)) return undefined;
    }
  }
  return validEscapes(rest) ? { scheme } : undefined;
}

/** CEL `int(string)` as cel-go has it: decimal digits with an optional sign, within 64 bits. */
function parseInt64(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`cannot convert ${JSON.stringify(s)} to int`);
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) throw new Error(`int ${s} out of range`);
  return n;
}

/** Kubernetes' URL library, reduced to what the pinned CRDs call; a URL is carried as its string. */
const KUBERNETES_FUNCS = [
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, (s: string) => parseRequestUri(s) !== undefined),
  celFunc('url', [CelScalar.STRING], CelScalar.STRING, (s: string) => {
    if (parseRequestUri(s) === undefined) throw new Error(`URL parse error during conversion from string: ${s}`);
    return s;
  }),
  celMethod('getScheme', CelScalar.STRING, [], CelScalar.STRING, function getScheme(this: string) {
    return parseRequestUri(this)?.scheme ?? '';
  }),
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (s: string) => net.isIP(s) !== 0),
  // cel-go parses int(string) as base-10 only; @bufbuild/cel's BigInt() would also take 0x.., 0o.. and spaces.
  celFunc('int', [CelScalar.STRING], CelScalar.INT, parseInt64),
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
