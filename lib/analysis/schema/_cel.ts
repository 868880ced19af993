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
import { ParsedExprSchema } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import type { _CelRuleSetSource, _CelTypeNode } from './_cel-source';

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

/**
 * @internal
 * Parses and plans the rules of one schema node against the Kubernetes environment (throws when one does
 * not parse), and encodes them with the node's CEL type as `_CelRuleSetSource` text. Validators are built
 * with this: ahead of time for the pinned CRDs, so that run time parses no rule.
 */
export function _encodeCelRules(rules: ReadonlyArray<{ rule: string; message?: string }>, type: _CelTypeNode): string {
  return JSON.stringify({
    rules: rules.map((r) => {
      const parsed = parse(r.rule);
      plan(env, parsed);
      return { rule: r.rule, ...(r.message !== undefined ? { message: r.message } : {}), expr: Buffer.from(toBinary(ParsedExprSchema, parsed)).toString('base64') };
    }),
    type,
  });
}

interface DecodedRuleSet {
  readonly type: _CelTypeNode;
  readonly rules: ReadonlyArray<{ readonly rule: string; readonly message?: string; readonly program: (ctx: any) => unknown }>;
}

const decoded = new WeakMap<_CelRuleSetSource, DecodedRuleSet>();

/** The rule set, decoded and planned on first use. */
function ruleSet(source: _CelRuleSetSource): DecodedRuleSet {
  let set = decoded.get(source);
  if (!set) {
    const raw = JSON.parse(source.s) as { type: _CelTypeNode; rules: { rule: string; message?: string; expr: string }[] };
    set = {
      type: raw.type,
      rules: raw.rules.map((r) => ({
        rule: r.rule,
        message: r.message,
        program: plan(env, fromBinary(ParsedExprSchema, Buffer.from(r.expr, 'base64'))) as (ctx: any) => unknown,
      })),
    };
    decoded.set(source, set);
  }
  return set;
}

/** The schema node of an object's property: its own, or the `additionalProperties` schema. */
function propertySchema(schema: any, key: string): any {
  return schema?.properties?.[key] ?? (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);
}

/**
 * A JSON object as a CEL map, converting each value when CEL reads it (most rules read a few fields of a
 * large object). Reads as the `Map` of every converted entry would: string keys only, `null` for a key
 * whose value is undefined. @bufbuild/cel takes any `Map` and reads it through these methods.
 */
class LazyObjectMap extends Map<string, CelInput> {
  private readonly converted = new Map<string, CelInput>();

  constructor(private readonly data: Record<string, unknown>, private readonly schema: any) {
    super();
  }

  public override get size(): number {
    return Object.keys(this.data).length;
  }

  public override get(key: string): CelInput | undefined {
    if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(this.data, key)) return undefined;
    let value = this.converted.get(key);
    if (value === undefined) {
      value = _toCel(this.data[key], propertySchema(this.schema, key));
      this.converted.set(key, value);
    }
    return value;
  }

  public override has(key: string): boolean {
    return typeof key === 'string' && Object.prototype.hasOwnProperty.call(this.data, key);
  }

  public override keys(): MapIterator<string> {
    return Object.keys(this.data)[Symbol.iterator]() as MapIterator<string>;
  }

  public override *values(): MapIterator<CelInput> {
    for (const key of Object.keys(this.data)) yield this.get(key)!;
  }

  public override *entries(): MapIterator<[string, CelInput]> {
    for (const key of Object.keys(this.data)) yield [key, this.get(key)!];
  }

  public override [Symbol.iterator](): MapIterator<[string, CelInput]> {
    return this.entries();
  }

  public override forEach(callback: (value: CelInput, key: string, map: Map<string, CelInput>) => void, thisArg?: unknown): void {
    for (const key of Object.keys(this.data)) callback.call(thisArg, this.get(key)!, key, this);
  }
}

/** @internal Converts JSON data to CEL input, guided by the schema: `integer` (and int-or-string numbers) become CEL ints. */
export function _toCel(data: unknown, schema: any): CelInput {
  if (data === null || data === undefined) return null;
  if (Array.isArray(data)) return data.map((item) => _toCel(item, schema?.items));
  if (typeof data === 'object') return new LazyObjectMap(data as Record<string, unknown>, schema);
  if (typeof data === 'number') {
    const integral = schema?.type === 'integer' || schema?.['x-kubernetes-int-or-string'] || (schema?.type === undefined && Number.isInteger(data));
    return integral && Number.isInteger(data) ? BigInt(data) : data;
  }
  return data as CelInput;
}

/** The message of a rule `self` breaks; undefined when it holds. */
function verdictOf(r: DecodedRuleSet['rules'][number], self: CelInput): string | undefined {
  const result = r.program({ self });
  if (result === true) return undefined;
  const what = r.message ?? `failed rule: ${r.rule}`;
  return isCelError(result) ? `${what} (rule could not be evaluated: ${(result as Error).message})` : what;
}

/**
 * Verdicts by rule set and value, for strings, numbers and booleans (a duration, a label value, a port): a rule is a
 * pure function of `self`, and the rule set fixes how a value converts, so an equal value has the same verdict. Kept
 * by the value itself (a JavaScript Map compares `"1"` and `1` apart); objects and lists are evaluated each time.
 * Bounded: a rule set that sees more distinct values starts over.
 */
const verdicts = new WeakMap<_CelRuleSetSource, Map<unknown, string[]>>();
const MAX_VERDICTS_PER_SET = 4096;

/** True when the verdict on `data` can be kept: a primitive Map keys by its value (not -0, which a Map takes for 0). */
function keepable(data: unknown): boolean {
  return typeof data === 'string' || typeof data === 'boolean' || (typeof data === 'number' && !Object.is(data, -0));
}

/**
 * @internal
 * The messages of the rules that `data` breaks; empty when all hold. A rule that cannot be
 * evaluated (a missing key, a type error) counts as broken, as it does in the API server.
 */
export function _failedCelChecks(source: _CelRuleSetSource, data: unknown): string[] {
  const keep = keepable(data);
  let known = verdicts.get(source);
  if (keep) {
    if (!known) verdicts.set(source, known = new Map());
    const cached = known.get(data);
    if (cached) return cached;
  }
  const failures: string[] = [];
  const set = ruleSet(source);
  const self = _toCel(data, set.type);
  for (const r of set.rules) {
    const message = verdictOf(r, self);
    if (message !== undefined) failures.push(message);
  }
  if (keep && known) {
    if (known.size >= MAX_VERDICTS_PER_SET) known.clear();
    known.set(data, failures);
  }
  return failures;
}

/**
 * @internal
 * The messages of the rules of `indexes` that `data` breaks, by rule index (as `_failedCelChecks` words them): for the
 * rules a compiled validator left to the interpreter.
 */
export function _failedCelChecksOf(source: _CelRuleSetSource, data: unknown, indexes: readonly number[]): Map<number, string> {
  const failures = new Map<number, string>();
  const set = ruleSet(source);
  const self = _toCel(data, set.type);
  for (const i of indexes) {
    const message = verdictOf(set.rules[i], self);
    if (message !== undefined) failures.set(i, message);
  }
  return failures;
}
