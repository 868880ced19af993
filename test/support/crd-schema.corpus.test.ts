/**
 * The CRD-schema validator against the pinned CRD files of the corpus: the schemas the package embeds
 * (imports/crd-schemas.ts) are the files' served schemas, their CEL rules are Istio's rules list, and
 * the validator accepts Istio's samples but the objects the API server rejects.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { embeddedCelRules } from './cel-rules';
import { corpusPath } from './corpus';
import { CrdSchemaValidator, formatProblems, loadCrdSchemas } from './crd-schema';
import { CRD_SCHEMAS } from '../../imports/crd-schemas';

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** A schema without its `description`s, as scripts/generate-crd-schemas.js embeds it. */
function withoutDescriptions(node: any): any {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key, value]) => !(key === 'description' && typeof value === 'string'))
    .map(([key, value]) => [key, key === 'default' || key === 'example' ? value : withoutDescriptions(value)]));
}

/** Sample objects the API server of a cluster with these CRDs rejects, and why. */
const KNOWN_INVALID: Record<string, string> = {
  'tests-testdata-config/rule-websocket-route.yaml VirtualService websocket-route': 'websocketUpgrade is no longer a field of HTTPRoute',
  'tests-testdata-config/rule-websocket-route.yaml VirtualService websocket-route2': 'websocketUpgrade is no longer a field of HTTPRoute',
};

describe('CrdSchemaValidator and the pinned CRD files', () => {
  const files = loadCrdSchemas();
  const fromFiles = new CrdSchemaValidator(files);

  test('the embedded schemas are the served schemas of the CRD files, without descriptions', () => {
    expect(Object.keys(CRD_SCHEMAS).sort()).toEqual(Object.keys(files).sort());
    for (const gvk of Object.keys(files)) expect([gvk, CRD_SCHEMAS[gvk]]).toEqual([gvk, withoutDescriptions(files[gvk])]);
  });

  test('the embedded CEL rules are Istio\'s rules list (istio-1.30.3-cel-rules.json)', () => {
    const listed = JSON.parse(fs.readFileSync(corpusPath('istio', 'crds', 'istio-1.30.3-cel-rules.json'), 'utf8')).rules;
    expect(embeddedCelRules()).toEqual(listed);
    expect(embeddedCelRules(files)).toEqual(listed);
  });

  test('accepts every Istio and Gateway API object of the real samples, except those the API server rejects', () => {
    const samples = corpusPath('istio', 'samples');
    const rejected: Record<string, string> = {};
    let checked = 0;
    for (const file of yamlFiles(samples)) {
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const obj = doc.toJS();
        if (!obj || !fromFiles.owns(obj)) continue;
        checked++;
        const problems = fromFiles.validate(obj);
        if (problems.length > 0) rejected[`${path.relative(samples, file)} ${obj.kind} ${obj.metadata?.name}`] = formatProblems(problems);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(Object.keys(rejected).sort()).toEqual(Object.keys(KNOWN_INVALID).sort());
    expect(rejected['tests-testdata-config/rule-websocket-route.yaml VirtualService websocket-route']).toContain("has unknown field 'websocketUpgrade'");
  });
});
