/**
 * Every CEL rule (`x-kubernetes-validations`) of Istio 1.30.3's storage-version schemas is enforced by
 * the package's validator: for each rule (read from the schemas the package embeds), a hand-made manifest that breaks
 * that rule alone is rejected with the rule's message at the rule's path, and for each kind compliant
 * manifests that reach every rule pass. GO_EDGE_CASES pins the values where a JavaScript evaluator and Go's
 * (the API server's) are easy to get apart: our verdict must be the API server's.
 */
import { COMPLIANT, ViolationCase, VIOLATIONS } from './cel-rule-cases';
import { CelRule, embeddedCelRules } from '../../support/cel-rules';
import { crdSchemas, formatProblems, SchemaProblem } from '../../support/crd-schema';

/** The rules of the embedded schemas; the corpus suite checks they are Istio's rules list (istio-1.30.3-cel-rules.json). */
const RULES: Record<string, CelRule[]> = embeddedCelRules();
const EXPECTED_RULE_COUNT = 147;

const ruleKey = (kind: string, rulePath: string, rule: string) => `${kind} ${rulePath} ${rule}`;

/** The rule entries of the file, by key; the file repeats no rule within a kind. */
const RULE_BY_KEY = new Map<string, CelRule>(
  Object.entries(RULES).flatMap(([kind, rules]) => rules.map((r): [string, CelRule] => [ruleKey(kind, r.path, r.rule), r])),
);

/** The cases, by the key of the rule they break. */
const CASE_BY_KEY = new Map<string, ViolationCase>();
const DUPLICATE_CASES: string[] = [];
for (const c of VIOLATIONS) {
  const key = ruleKey(c.kind, c.path, c.rule);
  if (CASE_BY_KEY.has(key)) DUPLICATE_CASES.push(key);
  CASE_BY_KEY.set(key, c);
}

/**
 * Values on which the API server's verdict (Go: cel-go's int(string), url.ParseRequestURI) differs from
 * what a JavaScript evaluator does by default (BigInt, WHATWG URL). Each was a disagreement until
 * lib/analysis/schema/_cel.ts took on Go's rules; each is now a test that our verdict is the API
 * server's. `unviolable` marks a rule no otherwise-valid manifest can break (none today).
 * Keyed like the rules: `group/version/Kind path rule`.
 */
interface GoEdgeCase {
  readonly kind: string;
  readonly path: string;
  readonly rule: string;
  readonly reason: string;
  readonly unviolable?: boolean;
  /** Specs on which the API server's verdict (`kubernetes`) is not ours, and where the problem is. */
  readonly disagreements?: ReadonlyArray<{ readonly spec: Record<string, unknown>; readonly at: string; readonly kubernetes: 'accepts' | 'rejects' }>;
}

const PORT_KEYS_RULE = 'self.all(key, 0 < int(key) && int(key) <= 65535)';
const JWKS_URL = 'url(self).getScheme() in ["http", "https"]';
const WASM_URL = (schemes: string) =>
  `isURL(self) ? (url(self).getScheme() in [${schemes}]) : (isURL("http://" + self) &&\nurl("http://" + self).getScheme() in [${schemes}])`;
const URL_REASON = 'the API server\'s url()/isURL() are Go\'s url.ParseRequestURI, not the WHATWG URL parser: '
  + 'Go rejects a malformed %-escape in the path or a space in the user info, which WHATWG accepts; '
  + 'WHATWG rejects a port above 65535 and an empty host ("http://"), which Go accepts (it only checks the port is digits)';
const JWT = (field: string, uri: string) => ({ jwtRules: [{ issuer: 'https://idp.example.com', [field]: uri }] });

export const GO_EDGE_CASES: GoEdgeCase[] = [
  {
    kind: 'security.istio.io/v1/PeerAuthentication',
    path: '.spec.portLevelMtls',
    rule: PORT_KEYS_RULE,
    reason: 'CEL int(string) is strconv.ParseInt(s, 10, 64) in cel-go (decimal digits with an optional sign only), '
      + 'but @bufbuild/cel converts with BigInt(s), which also reads 0x/0o/0b prefixes and ignores surrounding white space: '
      + 'the port keys "0x50" and " 80" are rejected by the API server, so our int(string) is base-10 only',
    disagreements: [
      { spec: { selector: { matchLabels: { app: 'reviews' } }, portLevelMtls: { '0x50': { mode: 'DISABLE' } } }, at: '/spec/portLevelMtls', kubernetes: 'rejects' },
      { spec: { selector: { matchLabels: { app: 'reviews' } }, portLevelMtls: { ' 80': { mode: 'DISABLE' } } }, at: '/spec/portLevelMtls', kubernetes: 'rejects' },
    ],
  },
  ...['jwksUri', 'jwks_uri'].map((field): GoEdgeCase => ({
    kind: 'security.istio.io/v1/RequestAuthentication',
    path: `.spec.jwtRules[].${field}`,
    rule: JWKS_URL,
    reason: URL_REASON,
    disagreements: [
      { spec: JWT(field, 'https://idp.example.com:99999/jwks'), at: `/spec/jwtRules/0/${field}`, kubernetes: 'accepts' },
      { spec: JWT(field, 'http://'), at: `/spec/jwtRules/0/${field}`, kubernetes: 'accepts' },
      { spec: JWT(field, 'https://idp.example.com/%zz'), at: `/spec/jwtRules/0/${field}`, kubernetes: 'rejects' },
      { spec: JWT(field, 'https://us er@idp.example.com/jwks'), at: `/spec/jwtRules/0/${field}`, kubernetes: 'rejects' },
    ],
  })),
  {
    kind: 'extensions.istio.io/v1alpha1/WasmPlugin',
    path: '.spec.url',
    rule: WASM_URL('"", "http", "https", "oci", "file"'),
    reason: URL_REASON,
    disagreements: [
      { spec: { url: 'ghcr.io/acme/%zz:v1' }, at: '/spec/url', kubernetes: 'rejects' },
      { spec: { url: 'oci://ghcr.io/acme/%zz:v1' }, at: '/spec/url', kubernetes: 'rejects' },
    ],
  },
  {
    kind: 'extensions.istio.io/v1alpha1/TrafficExtension',
    path: '.spec.wasm.url',
    rule: WASM_URL('"", "http", "https", "file", "oci"'),
    reason: URL_REASON,
    disagreements: [
      { spec: { wasm: { url: 'ghcr.io/acme/%zz:v1' } }, at: '/spec/wasm/url', kubernetes: 'rejects' },
      { spec: { wasm: { url: 'oci://ghcr.io/acme/%zz:v1' } }, at: '/spec/wasm/url', kubernetes: 'rejects' },
    ],
  },
];

function manifest(kind: string, spec: Record<string, unknown>): any {
  const [group, version, k] = kind.split('/');
  return { apiVersion: `${group}/${version}`, kind: k, metadata: { name: 'cel-case', namespace: 'prod' }, spec };
}

/** The rule's schema path as a pattern of JSON pointers: `[]` is an item index, `{}` a map key. */
function pointerPattern(rulePath: string): RegExp {
  const tokens = rulePath.match(/\.[A-Za-z_]+|\[\]|\{\}/g) ?? [];
  expect(tokens.join('')).toBe(rulePath);
  const source = tokens.map((t) => (t === '[]' ? '/\\d+' : t === '{}' ? '/[^/]+' : `/${t.slice(1)}`)).join('');
  return new RegExp(`^${source}$`);
}

/** True when `value` has something at the rule's schema path, so that the rule is evaluated on it. */
function reaches(value: unknown, tokens: string[]): boolean {
  if (tokens.length === 0) return value !== undefined && value !== null;
  const [head, ...rest] = tokens;
  if (head === '[]') return Array.isArray(value) && value.some((item) => reaches(item, rest));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (head === '{}') return Object.values(value).some((v) => reaches(v, rest));
  return reaches((value as Record<string, unknown>)[head.slice(1)], rest);
}

/** A problem is the rule's when its message starts with the rule's message (the validator may add why and what it received). */
const isFor = (p: SchemaProblem, message: string, at: string) => p.path === at && p.message.startsWith(message);

const rejected = (problems: SchemaProblem[], message: string, at: string) => problems.some((p) => isFor(p, message, at));

describe('Istio 1.30.3 CEL rules', () => {
  const validator = crdSchemas();

  test(`the embedded schemas hold ${EXPECTED_RULE_COUNT} rules, each once per kind, and the CRDs serve every kind at the listed version`, () => {
    const entries = Object.values(RULES).reduce((n, rules) => n + rules.length, 0);
    expect(entries).toBe(EXPECTED_RULE_COUNT);
    expect(RULE_BY_KEY.size).toBe(EXPECTED_RULE_COUNT);
    expect(Object.keys(RULES).filter((kind) => !validator.servedKinds.includes(kind))).toEqual([]);
  });

  test('every rule has a violating case (or is an edge case no valid manifest can break), and every case a rule', () => {
    const unviolable = new Set(GO_EDGE_CASES.filter((g) => g.unviolable).map((g) => ruleKey(g.kind, g.path, g.rule)));
    const missing = [...RULE_BY_KEY.keys()].filter((key) => !CASE_BY_KEY.has(key) && !unviolable.has(key));
    const stale = [...CASE_BY_KEY.keys()].filter((key) => !RULE_BY_KEY.has(key));
    const staleGaps = GO_EDGE_CASES.map((g) => ruleKey(g.kind, g.path, g.rule)).filter((key) => !RULE_BY_KEY.has(key));
    expect({ missing, stale, staleGaps, duplicates: DUPLICATE_CASES }).toEqual({ missing: [], stale: [], staleGaps: [], duplicates: [] });
    const covered = [...RULE_BY_KEY.keys()].filter((key) => CASE_BY_KEY.has(key)).length;
    // eslint-disable-next-line no-console
    console.log(`CEL rules with a violating case: ${covered} of ${RULE_BY_KEY.size}; Go edge cases: ${GO_EDGE_CASES.length} rules (unviolable: ${unviolable.size})`);
    expect(covered).toBe(EXPECTED_RULE_COUNT);
  });

  describe.each(Object.keys(RULES))('%s', (kind) => {
    const cases = (RULES[kind] ?? []).flatMap((r) => {
      const c = CASE_BY_KEY.get(ruleKey(kind, r.path, r.rule));
      return c ? [{ name: `${r.path}: ${r.message} <- ${c.does}`, rule: r, c }] : [];
    });

    test.each(cases)('rejects $name', ({ rule, c }) => {
      expect(c.at).toMatch(pointerPattern(rule.path));
      const problems = validator.validate(manifest(kind, c.spec));
      const expected = [{ message: rule.message, at: c.at }, ...(c.also ?? [])];
      const missing = expected.filter((e) => !rejected(problems, e.message, e.at));
      const unexpected = problems.filter((p) => !expected.some((e) => isFor(p, e.message, e.at)));
      expect({ missing, unexpected: formatProblems(unexpected) }).toEqual({ missing: [], unexpected: '' });
    });

    test('accepts compliant manifests that reach every rule of the kind', () => {
      const specs = COMPLIANT[kind] ?? [];
      expect(specs.length).toBeGreaterThan(0);
      const problems = specs.flatMap((spec) => validator.validate(manifest(kind, spec)));
      expect(formatProblems(problems)).toBe('');
      const unreached = RULES[kind].filter((r) => !specs.some((spec) => reaches({ spec }, r.path.match(/\.[A-Za-z_]+|\[\]|\{\}/g) ?? [])));
      expect(unreached.map((r) => `${r.path} ${r.rule}`)).toEqual([]);
    });
  });

  describe('GO_EDGE_CASES: where Go and JavaScript parse differently, our verdict is the API server\'s', () => {
    const disagreements = GO_EDGE_CASES.flatMap((g) => (g.disagreements ?? []).map((d) => ({
      name: `${g.kind.split('/')[2]} ${g.path}: the API server ${d.kubernetes} ${JSON.stringify(d.spec)}`,
      message: RULE_BY_KEY.get(ruleKey(g.kind, g.path, g.rule))?.message ?? `<no rule ${g.path} ${g.rule}>`,
      kind: g.kind,
      ...d,
    })));

    test('every edge case says why, and gives evidence unless no valid manifest can break its rule', () => {
      for (const g of GO_EDGE_CASES) {
        expect(g.reason.length).toBeGreaterThan(20);
        expect(g.unviolable || (g.disagreements ?? []).length > 0).toBe(true);
      }
    });

    test.each(disagreements)('agrees: $name', ({ kind, spec, at, message, kubernetes }) => {
      const problems = validator.validate(manifest(kind, spec));
      expect(rejected(problems, message, at) ? 'rejects' : 'accepts').toBe(kubernetes);
    });

    test.each(disagreements)('the manifest is otherwise valid: $name', ({ kind, spec, at, message }) => {
      const problems = validator.validate(manifest(kind, spec));
      expect(formatProblems(problems.filter((p) => !isFor(p, message, at)))).toBe('');
    });
  });
});
