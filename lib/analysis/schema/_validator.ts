/**
 * Validates manifests of the pinned CRDs' kinds against their OpenAPI v3 schemas, the way the
 * Kubernetes API server does with strict field validation: types, enums, required fields, patterns,
 * formats, bounds, list uniqueness (`x-kubernetes-list-type`), int-or-string, unknown fields, and
 * the CEL rules (`x-kubernetes-validations`), after applying the schemas' defaults.
 */
import type { ErrorObject } from 'ajv';
import type * as ajvCompiler from './_ajv';
import { _isExperimentalGatewayApi } from '../../core/_gateway-api-channel';

/*
 * The validators of the pinned CRDs are generated ahead of time (imports/crd-validators.js and a module per API group
 * in imports/crd-validators/, written by scripts/generate-crd-validators.ts with `npx projen import`): no schema is
 * compiled at run time for them, and ajv's compiler never loads. The index is required on first use, not when
 * `cdk8s-istio` is loaded (an app that does not analyze never needs it), and a group's module when the first object of
 * the group is validated. ajv's compiler (./_ajv) loads only for schemas given at run time.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const lazyShipped = (): _GeneratedValidators => require('../../../imports/crd-validators');
const lazyCompiler = (): typeof ajvCompiler => require('./_ajv');
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

/** A validator as ajv writes it: true when valid, its errors on `errors` otherwise. */
interface ValidateFn {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The validator of one kind and the defaults the API server applies before validating. */
interface KindValidator {
  readonly validate: ValidateFn;
  readonly defaults?: ajvCompiler._DefaultsNode;
}

/** What imports/crd-validators.js exports: the served `group/version/Kind`s, and the validator of one, loaded on first use. */
interface _GeneratedValidators {
  readonly kinds: readonly string[];
  validatorOf(gvk: string): KindValidator | undefined;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Applies the schema's `default`s, as the API server does before it validates (so CEL rules see
 * `tls.mode: Terminate` when only certificates were given). Walks only the paths of the data that can
 * hold a default (the defaults tree), copies only the objects and arrays on the way to a default it adds,
 * and returns the data itself when no default applies (most objects), which the validation reads and
 * never modifies.
 */
function withDefaults(data: unknown, node: ajvCompiler._DefaultsNode | null | undefined): unknown {
  if (!node || data === null || typeof data !== 'object') return data;
  if (Array.isArray(data)) {
    if (!node.i) return data;
    let copy: unknown[] | undefined;
    data.forEach((item, i) => {
      const defaulted = withDefaults(item, node.i);
      if (defaulted !== item) (copy ??= [...data])[i] = defaulted;
    });
    return copy ?? data;
  }
  const source = data as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of node.d ?? []) {
    if (source[key] === undefined) (copy ??= { ...source })[key] = structuredClone(value);
  }
  if (!node.p && !node.a) return copy ?? source;
  const current = copy ?? source;
  for (const key of Object.keys(current)) {
    const sub = node.p && key in node.p ? node.p[key] : node.a;
    if (!sub) continue;
    const value = current[key];
    const defaulted = withDefaults(value, sub);
    if (defaulted !== value) (copy ??= { ...source })[key] = defaulted;
  }
  return copy ?? source;
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

let shippedValidator: _CrdSchemaValidator | undefined;

/** Validates manifests of the CRDs' kinds; other kinds pass through unchecked. @internal */
export class _CrdSchemaValidator {
  /** The validator of the pinned CRDs, generated ahead of time and shipped with the package. */
  public static get(): _CrdSchemaValidator {
    shippedValidator ??= new _CrdSchemaValidator(lazyShipped(), true);
    return shippedValidator;
  }

  private readonly schemas = new Map<string, any>();
  private readonly validators = new Map<string, KindValidator>();
  private readonly generated?: _GeneratedValidators;
  private readonly kinds: string[];
  private readonly groups: Set<string>;
  private ajv?: ReturnType<typeof ajvCompiler._makeAjv>;

  /**
   * @param schemasOrGenerated the OpenAPI v3 schema of each served `group/version/Kind`, compiled with ajv on first use
   * of the kind; or, with `generated`, the module of validators generated ahead of time
   */
  constructor(schemasOrGenerated: { [gvk: string]: any } | _GeneratedValidators, generated = false) {
    if (generated) {
      this.generated = schemasOrGenerated as _GeneratedValidators;
      this.kinds = [...this.generated.kinds];
    } else {
      const { _prepareSchema } = lazyCompiler();
      for (const [gvk, schema] of Object.entries(schemasOrGenerated)) this.schemas.set(gvk, _prepareSchema(schema));
      this.kinds = [...this.schemas.keys()];
    }
    this.groups = new Set(this.kinds.map((k) => k.split('/')[0]));
  }

  /** Every served `group/version/Kind`. */
  public get servedKinds(): string[] {
    return [...this.kinds];
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
    const validator = this.validatorOf(key);
    if (!validator) {
      // No schema of the experimental channel is embedded: rule CI0011 reports what the cluster needs for these.
      if (_isExperimentalGatewayApi(manifest.apiVersion, manifest.kind)) return [];
      const group = manifest.apiVersion.split('/')[0];
      const served = this.kinds.filter((k) => k.startsWith(`${group}/`)).map((k) => k.split('/').slice(1).join('/'));
      return [{ resource, path: '', message: `no CRD serves apiVersion '${manifest.apiVersion}' kind '${manifest.kind}' (served in ${group}: ${served.join(', ')})` }];
    }
    const problems: _SchemaProblem[] = this.checkMetadata(resource, manifest.metadata);
    const defaulted = withDefaults(manifest, validator.defaults);
    const fn = validator.validate;
    if (!fn(defaulted)) {
      for (const err of fn.errors ?? []) {
        // anyOf/oneOf report their branches' errors too; the branch errors say more.
        if (err.keyword === 'anyOf' || err.keyword === 'if') continue;
        problems.push({ resource, path: err.instancePath || '/', message: explain(defaulted, err) });
      }
    }
    return problems;
  }

  /** The validator of a served kind: generated, or compiled from its schema on first use. */
  private validatorOf(gvk: string): KindValidator | undefined {
    let validator = this.validators.get(gvk);
    if (validator) return validator;
    if (this.generated) {
      validator = this.generated.validatorOf(gvk);
    } else {
      const schema = this.schemas.get(gvk);
      if (schema) {
        const { _makeAjv, _defaultsTree } = lazyCompiler();
        this.ajv ??= _makeAjv(false);
        validator = { validate: this.ajv.compile(schema), defaults: _defaultsTree(schema) };
      }
    }
    if (validator) this.validators.set(gvk, validator);
    return validator;
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
