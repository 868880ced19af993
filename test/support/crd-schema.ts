/**
 * The CRD-schema check every test goes through: the package's own validator
 * (lib/analysis/schema), built here from the pinned CRD files in `../shared/istio/crds/` rather
 * than from the copy generated into imports/, so that tests check against the source of truth.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { _CrdSchemaValidator, _SchemaProblem } from '../../lib/analysis/schema/_validator';

/** Root of the shared reference material, beside the repository. */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');
export const CRD_FILES = [
  path.join(SHARED_DIR, 'istio', 'crds', 'istio-1.30.3-crds.yaml'),
  path.join(SHARED_DIR, 'istio', 'crds', 'gateway-api-v1.5.1-standard.yaml'),
];

export type SchemaProblem = _SchemaProblem;

/** The served schemas of the CRD files, by `group/version/Kind`. */
export function loadCrdSchemas(files: string[] = CRD_FILES): { [gvk: string]: any } {
  const schemas: { [gvk: string]: any } = {};
  for (const file of files) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const crd = doc.toJS();
      // The Gateway API file also holds a ValidatingAdmissionPolicy and its binding.
      if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        if (v.served) schemas[`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`] = v.schema.openAPIV3Schema;
      }
    }
  }
  return schemas;
}

/** The validator, with the helpers tests use. */
export class CrdSchemaValidator extends _CrdSchemaValidator {
  constructor(files: string[] = CRD_FILES) {
    super(loadCrdSchemas(files));
  }

  /** Problems in many manifests. */
  public validateAll(manifests: any[]): SchemaProblem[] {
    return manifests.flatMap((m) => this.validate(m));
  }

  /** Throws one readable error listing every problem, if there is any. */
  public assertValid(manifests: any[]): void {
    const problems = this.validateAll(manifests);
    if (problems.length > 0) {
      throw new Error(`Manifests rejected by the CRD schema (${problems.length} problem(s)):\n${formatProblems(problems)}`);
    }
  }
}

/** One line per problem: `VirtualService ns/name /spec/x: message`. */
export function formatProblems(problems: SchemaProblem[]): string {
  return problems.map((p) => `  ${p.resource} ${p.path}: ${p.message}`).join('\n');
}

let shared: CrdSchemaValidator | undefined;

/** The validator for the pinned Istio and Gateway API CRDs, loaded once per test file. */
export function crdSchemas(): CrdSchemaValidator {
  shared ??= new CrdSchemaValidator();
  return shared;
}
