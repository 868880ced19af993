/**
 * Compiles CRD schemas to validators with ajv: in this process for schemas given at run time, and ahead
 * of time into `imports/crd-validators.js` for the pinned CRDs (scripts/generate-crd-validators.ts), with
 * the same keywords either way, so the two give the same verdicts. Only that script and validators of
 * schemas given at run time load this module (and ajv's compiler).
 */
import Ajv, { _, stringify } from 'ajv';
import type { Code, KeywordCxt } from 'ajv';
import { _Code } from 'ajv/dist/compile/codegen/code';
import addFormats from 'ajv-formats';
import { _CelRule, _encodeCelRules } from './_cel';
import { _compileCelRule } from './_cel-compile';
import { _CelRuleSetSource, _CelTypeNode } from './_cel-source';
import { _KUBERNETES_FORMATS, _RUNTIME } from './_runtime';

/** Kubernetes lets these sit at the root of every object, whatever the CRD schema lists. */
const ROOT_FIELDS = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  metadata: { type: 'object' },
};

/**
 * Makes a CRD schema strict the way the API server's strict field validation is:
 * an object with `properties` and neither `additionalProperties` nor
 * `x-kubernetes-preserve-unknown-fields` rejects fields it does not declare.
 */
function strictify(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [key, value] of Object.entries(schema)) {
    // `default` and `example` are data, not schemas.
    out[key] = key === 'default' || key === 'example' ? value : strictify(value);
  }
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

/** @internal The schema of a CRD version as the validator checks it: the root fields added, strict. */
export function _prepareSchema(schema: any): any {
  return strictify({ ...schema, properties: { ...ROOT_FIELDS, ...schema.properties } });
}

/**
 * The defaults of a schema, as a tree that holds only the paths leading to a `default`: `d` the
 * defaulted properties of an object and their values, `p` the properties to descend into, `a` the
 * `additionalProperties` schema, `i` the `items` schema. `null` in `p` stands for a declared property
 * with no default below it (it is not looked up in `a`). Undefined when the schema has no default.
 * @internal
 */
export interface _DefaultsNode {
  readonly d?: ReadonlyArray<readonly [string, unknown]>;
  readonly p?: { readonly [key: string]: _DefaultsNode | null };
  readonly a?: _DefaultsNode;
  readonly i?: _DefaultsNode;
}

/** @internal The defaults tree of a (prepared) schema; see `_DefaultsNode`. */
export function _defaultsTree(schema: any): _DefaultsNode | undefined {
  if (schema === undefined || schema === null || typeof schema !== 'object') return undefined;
  const node: { d?: [string, unknown][]; p?: { [key: string]: _DefaultsNode | null }; a?: _DefaultsNode; i?: _DefaultsNode } = {};
  const properties: { [key: string]: any } = schema.properties ?? {};
  const d = Object.entries(properties).filter(([, sub]) => sub?.default !== undefined).map(([key, sub]): [string, unknown] => [key, sub.default]);
  if (d.length > 0) node.d = d;
  const a = typeof schema.additionalProperties === 'object' ? _defaultsTree(schema.additionalProperties) : undefined;
  if (a) node.a = a;
  const p: { [key: string]: _DefaultsNode | null } = {};
  for (const [key, sub] of Object.entries(properties)) {
    const tree = _defaultsTree(sub);
    if (tree) p[key] = tree;
    else if (a) p[key] = null;
  }
  if (Object.values(p).some((t) => t !== null)) node.p = p;
  const i = _defaultsTree(schema.items);
  if (i) node.i = i;
  return node.d || node.p || node.a || node.i ? node : undefined;
}

/** The schema node reduced to what CEL's view of its data depends on (`_toCel`). */
function celTypeOf(schema: any): _CelTypeNode {
  const out: { -readonly [K in keyof _CelTypeNode]: _CelTypeNode[K] } = {};
  if (schema === null || typeof schema !== 'object') return out;
  if (schema.type !== undefined) out.type = schema.type;
  if (schema['x-kubernetes-int-or-string']) out['x-kubernetes-int-or-string'] = true;
  if (schema.properties) out.properties = Object.fromEntries(Object.entries<any>(schema.properties).map(([k, v]) => [k, celTypeOf(v)]));
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = celTypeOf(schema.additionalProperties);
  if (schema.items !== undefined && !Array.isArray(schema.items)) out.items = celTypeOf(schema.items);
  return out;
}

/** Rule sets, one per distinct content, so that equal sets are one value in generated code. */
type RuleSetCache = Map<string, _CelRuleSetSource>;

/** The rules a validator evaluates: transition rules (those that read `oldSelf`) only apply to updates. */
function kept(rules: _CelRule[]): _CelRule[] {
  return rules.filter((r) => !r.rule.includes('oldSelf'));
}

function celRuleSet(cache: RuleSetCache, rules: _CelRule[], parentSchema: any): _CelRuleSetSource | undefined {
  const rulesKept = kept(rules);
  if (rulesKept.length === 0) return undefined;
  const type = celTypeOf(parentSchema);
  const key = JSON.stringify([rulesKept.map((r) => [r.rule, r.message]), type]);
  let set = cache.get(key);
  if (!set) {
    set = { s: _encodeCelRules(rulesKept, type) };
    cache.set(key, set);
  }
  return set;
}

/** @internal How generated code reaches `_RUNTIME`: the name of the variable it is in. */
export const _RUNTIME_NAME = 'runtime';
const RUNTIME = _RUNTIME_NAME;

/**
 * @internal
 * The ajv instance that compiles CRD schemas. `standalone`: the code is generated to be written out
 * (ajv's standalone mode), with the runtime functions and formats reached through a `runtime` variable.
 */
export function _makeAjv(standalone: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: true,
    // In this process, unoptimized code: each kind compiles once and its schema is large (DestinationRule: ~0.5 s to
    // compile with the optimizer, about half without), while validating one object costs the same either way.
    code: standalone ? { source: true, optimize: true, formats: _`${new _Code(RUNTIME)}.formats` } : { optimize: false },
    // Written out, a `$ref` stays a call of its own function (scripts/generate-crd-validators.ts splits the schemas so).
    inlineRefs: !standalone,
  });
  addFormats(ajv);
  for (const [name, format] of Object.entries(_KUBERNETES_FORMATS)) ajv.addFormat(name, format);
  const ruleSets: RuleSetCache = new Map();
  /** A runtime function as a value of the generated code: its reference here, `runtime.<name>` when written out. */
  const runtimeFn = (cxt: KeywordCxt, name: 'listType' | 'cel') =>
    cxt.gen.scopeValue('func', { key: `runtime.${name}`, ref: _RUNTIME[name], code: new _Code(`${RUNTIME}.${name}`) });
  const dynamicMessage = { message: ({ params }: { params: any }) => params.message as Code };

  ajv.addKeyword({
    keyword: 'x-kubernetes-int-or-string',
    schemaType: 'boolean',
    error: { message: 'must be an integer or a string' },
    code(cxt) {
      if (cxt.schema !== true) return;
      const d = cxt.data;
      cxt.fail(_`!(typeof ${d} == "string" || (typeof ${d} == "number" && Number.isInteger(${d})))`);
    },
  });
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-type',
    schemaType: 'string',
    error: dynamicMessage,
    code(cxt) {
      const kind: string = cxt.schema;
      if (kind !== 'set' && kind !== 'map') return;
      const keys: string[] = kind === 'map' ? cxt.parentSchema['x-kubernetes-list-map-keys'] ?? [] : [];
      const problem = cxt.gen.const('listProblem', _`${runtimeFn(cxt, 'listType')}(${kind}, ${stringify(keys)}, ${cxt.data})`);
      cxt.gen.if(problem, () => cxt.error(false, { message: problem }));
    },
  });
  ajv.addKeyword({
    keyword: 'x-kubernetes-validations',
    schemaType: 'array',
    error: dynamicMessage,
    code(cxt) {
      const set = celRuleSet(ruleSets, cxt.schema, cxt.parentSchema);
      if (!set) return;
      // Written out, each rule also as JavaScript where its form compiles (`_cel-compile.ts`); compiled in this
      // process (schemas given at run time), the interpreter evaluates every rule.
      const compiled = kept(cxt.schema).map((r) => _compileCelRule(r.rule));
      const code = compiled.some((c) => c !== undefined)
        ? _`{s: ${set.s}, c: ${new _Code(`[${compiled.map((c) => (c === undefined ? 'null' : `function (c, s) { ${c} }`)).join(', ')}]`)}}`
        : _`{s: ${set.s}}`;
      const setRef = cxt.gen.scopeValue('obj', { ref: set, code });
      cxt.gen.forOf('celProblem', _`${runtimeFn(cxt, 'cel')}(${setRef}, ${cxt.data})`, (message) => cxt.error(false, { message }));
    },
  });
  for (const keyword of ['x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-preserve-unknown-fields']) {
    ajv.addKeyword({ keyword });
  }
  return ajv;
}
