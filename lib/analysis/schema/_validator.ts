/**
 * Validates manifests of the pinned CRDs' kinds against their OpenAPI v3 schemas, the way the
 * Kubernetes API server does with strict field validation: types, enums, required fields, patterns,
 * formats, bounds, list uniqueness (`x-kubernetes-list-type`), int-or-string, unknown fields, and
 * the CEL rules (`x-kubernetes-validations`), after applying the schemas' defaults.
 */
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type addFormats from 'ajv-formats';
import type * as cel from './_cel';
import type * as crdSchemas from '../../../imports/crd-schemas';

/*
 * ajv, ajv-formats, @bufbuild/cel (through ./_cel) and the 370 kB of CRD schemas are required on
 * first use, not when `cdk8s-istio` is loaded: together they were ~100 ms of every app's start-up,
 * and an app that does not analyze never needs them. (Start-up cost, not an import cycle.)
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const lazyAjv = (): typeof Ajv => require('ajv').default;
const lazyAddFormats = (): typeof addFormats => require('ajv-formats').default;
const lazyCel = (): typeof cel => require('./_cel');
const lazyCrdSchemas = (): typeof crdSchemas.CRD_SCHEMAS => require('../../../imports/crd-schemas').CRD_SCHEMAS;
/* eslint-enable @typescript-eslint/no-require-imports */

/** One problem found in one manifest. @internal */
export interface _SchemaProblem {
  /** `Kind namespace/name` of the manifest. */
  readonly resource: string;
  /** JSON pointer into the manifest, `/spec/http/0/route/0/weight`. */
  readonly path: string;
  /** What is wrong, in words. */
  readonly message: string;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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

/** The properties of a schema node that carry a default, read once per node (a DestinationRule schema has hundreds of properties). */
const defaultedProperties = new WeakMap<object, [string, unknown][]>();

function defaultsOf(schema: any): [string, unknown][] {
  let list = defaultedProperties.get(schema);
  if (!list) {
    list = Object.entries<any>(schema.properties ?? {}).filter(([, sub]) => sub?.default !== undefined).map(([key, sub]) => [key, sub.default]);
    defaultedProperties.set(schema, list);
  }
  return list;
}

/**
 * Applies the schema's `default`s, as the API server does before it validates (so CEL rules see
 * `tls.mode: Terminate` when only certificates were given). Copies only the objects and arrays on
 * the way to a default it adds; returns the data itself when no default applies (most objects),
 * which the validation reads and never modifies.
 */
function withDefaults(data: unknown, schema: any): unknown {
  if (schema === undefined || schema === null || data === null || typeof data !== 'object') return data;
  if (Array.isArray(data)) {
    let copy: unknown[] | undefined;
    data.forEach((item, i) => {
      const defaulted = withDefaults(item, schema.items);
      if (defaulted !== item) (copy ??= [...data])[i] = defaulted;
    });
    return copy ?? data;
  }
  const source = data as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of defaultsOf(schema)) {
    if (source[key] === undefined) (copy ??= { ...source })[key] = structuredClone(value);
  }
  const current = copy ?? source;
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const key of Object.keys(current)) {
    const value = current[key];
    const defaulted = withDefaults(value, schema.properties?.[key] ?? additional);
    if (defaulted !== value) (copy ??= { ...source })[key] = defaulted;
  }
  return copy ?? source;
}

function makeAjv(): Ajv {
  // Unoptimized code: each kind compiles once per process and its schema is large (DestinationRule: ~0.5 s to compile with
  // the optimizer, about half without), while validating one object costs the same either way.
  const ajv = new (lazyAjv())({ allErrors: true, strict: false, validateFormats: true, code: { optimize: false } });
  lazyAddFormats()(ajv);
  const { _failedCelRules } = lazyCel();
  // Kubernetes' numeric formats: bounds of the Go types behind them.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 2 ** 32 - 1 });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addKeyword({
    keyword: 'x-kubernetes-int-or-string',
    schemaType: 'boolean',
    errors: true,
    validate: function intOrString(flag: boolean, data: unknown) {
      if (!flag) return true;
      const ok = typeof data === 'string' || (typeof data === 'number' && Number.isInteger(data));
      if (!ok) {
        (intOrString as any).errors = [{ keyword: 'x-kubernetes-int-or-string', message: 'must be an integer or a string', params: {} }];
      }
      return ok;
    },
  });
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-type',
    schemaType: 'string',
    errors: true,
    validate: function listType(kind: string, data: unknown, parentSchema: any) {
      if (!Array.isArray(data) || (kind !== 'set' && kind !== 'map')) return true;
      const keys: string[] = kind === 'map' ? parentSchema['x-kubernetes-list-map-keys'] ?? [] : [];
      const seen = new Set<string>();
      for (const item of data) {
        const id = kind === 'set' ? JSON.stringify(item) : JSON.stringify(keys.map((k) => item?.[k]));
        if (seen.has(id)) {
          (listType as any).errors = [{
            keyword: 'x-kubernetes-list-type',
            message: kind === 'set'
              ? `must not hold duplicate items (x-kubernetes-list-type: set; duplicate ${id})`
              : `must not hold two items with the same ${keys.join(', ')} (x-kubernetes-list-type: map; duplicate ${id})`,
            params: {},
          }];
          return false;
        }
        seen.add(id);
      }
      return true;
    },
  });
  ajv.addKeyword({
    keyword: 'x-kubernetes-validations',
    schemaType: 'array',
    errors: true,
    validate: function celValidations(rules: cel._CelRule[], data: unknown, parentSchema: any) {
      const failures = _failedCelRules(rules, data, parentSchema);
      if (failures.length > 0) {
        (celValidations as any).errors = failures.map((message) => ({ keyword: 'x-kubernetes-validations', message, params: {} }));
      }
      return failures.length === 0;
    },
  });
  for (const keyword of ['x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-preserve-unknown-fields']) {
    ajv.addKeyword({ keyword });
  }
  return ajv;
}

function resourceName(manifest: any): string {
  const kind = manifest?.kind ?? '<no kind>';
  const name = manifest?.metadata?.name ?? '<no name>';
  const ns = manifest?.metadata?.namespace;
  return ns ? `${kind} ${ns}/${name}` : `${kind} ${name}`;
}

function valueAt(manifest: any, pointer: string): unknown {
  let cur = manifest;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === undefined || cur === null) return undefined;
    cur = cur[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

function explain(manifest: any, err: ErrorObject): string {
  let what = err.message ?? err.keyword;
  if (err.keyword === 'enum') what += `: ${(err.params as any).allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}`;
  if (err.keyword === 'additionalProperties') return `has unknown field '${(err.params as any).additionalProperty}'`;
  if (err.keyword === 'required') return what;
  const received = JSON.stringify(valueAt(manifest, err.instancePath)) ?? 'undefined';
  return `${what} (received: ${received.length > 160 ? `${received.slice(0, 157)}...` : received})`;
}

/**
 * Kinds served only by the Gateway API experimental channel, which the package does not embed: their
 * schema cannot be checked here, and rule CI0011 reports what the cluster needs for them. @internal
 */
export const _EXPERIMENTAL_GATEWAY_API_KINDS: readonly string[] = [
  'gateway.networking.k8s.io/v1alpha2/TCPRoute',
  'gateway.networking.k8s.io/v1alpha2/UDPRoute',
];

let shippedValidator: _CrdSchemaValidator | undefined;

/** Validates manifests of the CRDs' kinds; other kinds pass through unchecked. @internal */
export class _CrdSchemaValidator {
  /** The validator for the schemas shipped with the package, built once. */
  public static get(): _CrdSchemaValidator {
    shippedValidator ??= new _CrdSchemaValidator(lazyCrdSchemas());
    return shippedValidator;
  }

  private readonly schemas = new Map<string, any>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly groups: Set<string>;
  private ajv?: Ajv;

  constructor(schemas: { [gvk: string]: any }) {
    for (const [gvk, schema] of Object.entries(schemas)) {
      this.schemas.set(gvk, strictify({ ...schema, properties: { ...ROOT_FIELDS, ...schema.properties } }));
    }
    this.groups = new Set([...this.schemas.keys()].map((k) => k.split('/')[0]));
  }

  /** Every served `group/version/Kind`. */
  public get servedKinds(): string[] {
    return [...this.schemas.keys()];
  }

  /** True when the manifest's API group is one of the CRDs'. */
  public owns(manifest: any): boolean {
    const apiVersion: string = typeof manifest?.apiVersion === 'string' ? manifest.apiVersion : '';
    const slash = apiVersion.indexOf('/');
    return slash >= 0 && this.groups.has(apiVersion.slice(0, slash));
  }

  /** Problems in one manifest; empty when the API server would accept it. */
  public validate(manifest: any): _SchemaProblem[] {
    if (!this.owns(manifest)) return [];
    const resource = resourceName(manifest);
    const key = `${manifest.apiVersion}/${manifest.kind}`;
    const schema = this.schemas.get(key);
    if (!schema) {
      if (_EXPERIMENTAL_GATEWAY_API_KINDS.includes(key)) return [];
      const group = manifest.apiVersion.split('/')[0];
      const served = this.servedKinds.filter((k) => k.startsWith(`${group}/`)).map((k) => k.split('/').slice(1).join('/'));
      return [{ resource, path: '', message: `no CRD serves apiVersion '${manifest.apiVersion}' kind '${manifest.kind}' (served in ${group}: ${served.join(', ')})` }];
    }
    const problems: _SchemaProblem[] = [...this.checkMetadata(resource, manifest.metadata)];
    let fn = this.compiled.get(key);
    if (!fn) {
      this.ajv ??= makeAjv();
      fn = this.ajv.compile(schema);
      this.compiled.set(key, fn);
    }
    const defaulted = withDefaults(manifest, schema);
    if (!fn(defaulted)) {
      for (const err of fn.errors ?? []) {
        // anyOf/oneOf report their branches' errors too; the branch errors say more.
        if (err.keyword === 'anyOf' || err.keyword === 'if') continue;
        problems.push({ resource, path: err.instancePath || '/', message: explain(defaulted, err) });
      }
    }
    return problems;
  }

  private checkMetadata(resource: string, metadata: any): _SchemaProblem[] {
    const problems: _SchemaProblem[] = [];
    const name = metadata?.name;
    if (typeof name !== 'string' || name.length === 0) {
      problems.push({ resource, path: '/metadata/name', message: 'must be set' });
    } else if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
      problems.push({
        resource,
        path: '/metadata/name',
        message: `must be a DNS-1123 subdomain: lower case alphanumerics, '-' and '.', at most 253 characters (received: ${JSON.stringify(name)})`,
      });
    }
    const ns = metadata?.namespace;
    if (ns !== undefined && (typeof ns !== 'string' || ns.length > 63 || !DNS1123_LABEL.test(ns))) {
      problems.push({
        resource,
        path: '/metadata/namespace',
        message: `must be a DNS-1123 label: lower case alphanumerics and '-', at most 63 characters (received: ${JSON.stringify(ns)})`,
      });
    }
    return problems;
  }
}
