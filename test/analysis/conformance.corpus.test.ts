/**
 * Conformance with istioctl analyze's own test table (`istio/analyzer/` in the corpus, test/support/corpus.ts): for every case
 * whose analyzer can run without a cluster (rated `yes` or `partial`), load the case's YAML, run our
 * rules that mirror that analyzer, and compare the findings (code and resource) with the expected
 * ones as a multiset, including the cases that expect none.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { MeshAnalysis } from '../../lib/analysis';
import { ALL_RULES } from '../../lib/analysis/rules';
import { corpusPath } from '../support/corpus';

/** The number of matching cases reached so far: the test fails if a change drops below it. */
const CONFORMANCE_FLOOR = 81;

/** Analyzers the catalog rates `optional` that the analysis implements, and so is held to. */
const HELD_OPTIONAL = ['envoyfilter.EnvoyPatchAnalyzer'];

const ANALYZER_DIR = corpusPath('istio', 'analyzer');
const REPORT = path.join(__dirname, '..', '..', 'test-reports', 'analyzer-conformance.json');

interface Case {
  readonly name: string;
  readonly files: string[];
  readonly analyzer: string;
  readonly expected: { code: string; resource: string }[];
  readonly meshConfigFile?: string;
}

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(ANALYZER_DIR, file), 'utf8'));
}

function loadYaml(file: string): any[] {
  return YAML.parseAllDocuments(fs.readFileSync(path.join(ANALYZER_DIR, file), 'utf8')).map((d) => d.toJS()).filter((o) => o);
}

/** The cases a checker that sees only manifests can be held to: analyzers rated yes/partial, plus the VirtualService schema case. */
function heldCases(): Case[] {
  const catalog = readJson('analyzer-catalog.json').analyzers as any[];
  const relevance = new Map(catalog.map((a) => [a.type, a.synthTimeRelevance]));
  return (readJson('analyzer-expectations.json').cases as Case[]).filter((c) =>
    ['yes', 'partial'].includes(relevance.get(c.analyzer)) || c.analyzer.startsWith('schemaValidation.') || HELD_OPTIONAL.includes(c.analyzer));
}

/**
 * Cases where we report otherwise than istioctl's offline mode on purpose, because Istio 1.30 on a cluster behaves
 * otherwise: what we report instead, and why. A case counts as matching when we report exactly that.
 */
const DELIBERATE: Record<string, { want: string[]; why: string }> = Object.fromEntries([
  'destinationrule with no cacert, simple at destinationlevel',
  'destinationrule with no cacert, mutual at destinationlevel',
  'destinationrule with no cacert, simple at portlevel',
  'destinationrule with credentialname, simple at destinationlevel, no workloadSelector',
  'destinationrule with credentialname, simple at portlevel, no workloadSelector',
  'destinationrule with no cacert, mutual at portlevel',
  'destinationrule with no cacert, mutual at destinationlevel and simple at port level',
  'destinationrule with no cacert, simple at destinationlevel and mutual at port level',
].map((name) => [name, {
  want: [],
  why: 'VERIFY_CERTIFICATE_AT_CLIENT (on by default) verifies an empty caCertificates against the OS trust store; only insecureSkipVerify skips it',
}]));

function multiset(items: string[]): string[] {
  return [...items].sort();
}

describe('istioctl analyze conformance', () => {
  const cases = heldCases();

  test('holds us to the 75 cases that need no cluster, and the 6 EnvoyFilter cases', () => {
    expect(cases.length).toBe(81);
  });

  test('every deliberate difference names a case of the table', () => {
    const names = new Set(cases.map((c) => c.name));
    expect(Object.keys(DELIBERATE).filter((n) => !names.has(n))).toEqual([]);
  });

  test('matches Istio\'s expected findings', () => {
    const results = cases.map((c) => {
      const analyzer = c.analyzer.startsWith('schemaValidation.') ? 'schema.ValidationAnalyzer' : c.analyzer;
      const rules = ALL_RULES.filter((r) => r.istioAnalyzer === analyzer);
      const manifests = c.files.flatMap(loadYaml);
      const meshConfig = c.meshConfigFile ? loadYaml(c.meshConfigFile)[0] : undefined;
      const report = MeshAnalysis._analyzeWith(manifests, rules, { defaultNamespace: 'istio-system', meshConfig });
      const got = multiset(report.active.map((f) => `${f.code} ${f.resource}`));
      const deliberate = DELIBERATE[c.name];
      const want = multiset(deliberate ? deliberate.want : c.expected.map((e) => `${e.code} ${e.resource}`));
      const match = JSON.stringify(got) === JSON.stringify(want);
      return { name: c.name, analyzer: c.analyzer, files: c.files, implemented: rules.length > 0, match, got, want, deliberately: deliberate?.why };
    });
    // A case counts only when rules for its analyzer exist: an empty result from no rules proves nothing.
    const matched = results.filter((r) => r.match && r.implemented).length;
    fs.mkdirSync(path.dirname(REPORT), { recursive: true });
    fs.writeFileSync(REPORT, JSON.stringify({ matched, total: results.length, results }, null, 2));
    // eslint-disable-next-line no-console
    console.log(`${matched} of ${results.length} Istio analyzer cases match`
      + ` (${results.filter((r) => !r.implemented).length} cases of analyzers not implemented yet)\n`
      + results.filter((r) => !r.match && r.implemented).map((r) => `  MISMATCH ${r.name} [${r.analyzer}]\n    got:  ${r.got.join(', ')}\n    want: ${r.want.join(', ')}`).join('\n'));
    expect(matched).toBeGreaterThanOrEqual(CONFORMANCE_FLOOR);
  });
});
