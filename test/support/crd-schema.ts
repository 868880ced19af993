/**
 * The CRD-schema check every test goes through: the package's own validator (lib/analysis/schema)
 * over the schemas the package embeds (imports/crd-schemas.ts, generated from the pinned CRD files,
 * CEL rules included), so that unit tests pass on a fresh clone. The corpus suite checks the CRD
 * files themselves (`loadCrdSchemas(CRD_FILES)`) against the same validator.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { CORPUS_DIR, corpusPath } from './corpus';
import { CRD_SCHEMAS } from '../../imports/crd-schemas';
import { _CrdSchemaValidator, _SchemaProblem } from '../../lib/analysis/schema/_validator';

/**
 * Root of Istio's corpora.
 * @deprecated import `corpusPath` from './corpus', in a `*.corpus.test.ts` file.
 */
export const SHARED_DIR = CORPUS_DIR;

/** The pinned CRD files in the corpus (corpus suite only). */
export const CRD_FILES = [
  corpusPath('istio', 'crds', 'istio-1.30.3-crds.yaml'),
  corpusPath('istio', 'crds', 'gateway-api-v1.5.1-standard.yaml'),
];

export type SchemaProblem = _SchemaProblem;

/** The served schemas of CRD files, by `group/version/Kind` (corpus suite only). */
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
  /** @param schemas by `group/version/Kind`; the embedded ones by default */
  constructor(schemas: { [gvk: string]: any } = CRD_SCHEMAS) {
    super(schemas);
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

/** The validator for the pinned Istio and Gateway API CRDs (embedded schemas), built once per test file. */
export function crdSchemas(): CrdSchemaValidator {
  shared ??= new CrdSchemaValidator();
  return shared;
}
