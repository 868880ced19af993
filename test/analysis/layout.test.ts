import * as path from 'path';
import { MeshAnalysis } from '../../lib/analysis';
import { _Rule } from '../../lib/analysis/rule';
import { ALL_RULES } from '../../lib/analysis/rules';
import { LIB, relativeImports, show, tsFiles } from '../support/source';

/**
 * The shape of the analysis wing, read from its source files: rule areas share facts through
 * lib/analysis/facts/ only, every rule file is registered, one rule per file named after it. The rules
 * for all of lib/ (no cycle, no import of the analysis from outside) are in test/architecture.test.ts.
 */

const RULES = path.join(LIB, 'analysis', 'rules');

/** The rule area of a file under lib/analysis/rules (`mesh`, `ambient`...); undefined for a file outside an area. */
function areaOf(file: string): string | undefined {
  const rel = path.relative(RULES, file);
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}


/** Values a module exports that have the shape of a rule. */
function exportedRules(file: string): _Rule[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file);
  return Object.values(mod).filter((v: any): v is _Rule => v && typeof v === 'object' && typeof v.id === 'string'
    && typeof v.rule === 'string' && typeof v.check === 'function');
}

/** Rule files: every file of a rule area but its index.ts and `_` helpers. */
const RULE_FILES = tsFiles(RULES).filter((f) => areaOf(f) !== undefined && !path.basename(f).startsWith('_') && path.basename(f) !== 'index.ts');

/** The imports of a rule file that reach into another rule area. */
function crossAreaImports(file: string, text?: string): string[] {
  const area = areaOf(file);
  return relativeImports(file, text)
    .filter((target) => area !== undefined && areaOf(target) !== undefined && areaOf(target) !== area)
    .map((target) => `${show(file)} imports ${show(target)}`);
}

describe('rule areas', () => {
  test('no rule area imports another area: shared helpers live in lib/analysis/facts/', () => {
    expect(tsFiles(RULES).flatMap((file) => crossAreaImports(file))).toEqual([]);
  });

  test('the check catches an import between areas, and lets the facts module and the area\'s own helpers through', () => {
    const probe = path.join(RULES, 'mesh', 'probe.ts');
    expect(crossAreaImports(probe, "import { _x } from '../ambient/l7-rule-on-ztunnel';\nimport type { _y } from '../sidecar/_selector';"))
      .toEqual(['lib/analysis/rules/mesh/probe.ts imports lib/analysis/rules/ambient/l7-rule-on-ztunnel.ts',
        'lib/analysis/rules/mesh/probe.ts imports lib/analysis/rules/sidecar/_selector.ts']);
    expect(crossAreaImports(probe, "import { _a } from '../../facts/_ambient';\nimport { _b } from './_mtls-message';")).toEqual([]);
  });

  test('outside the rule folders, only the registry (rules/index.ts) is imported; it imports each area\'s index.ts', () => {
    const registry = path.join(RULES, 'index.ts');
    const offending = tsFiles(LIB).filter((f) => areaOf(f) === undefined).flatMap((file) => relativeImports(file)
      .filter((target) => areaOf(target) !== undefined && !(file === registry && path.basename(target) === 'index.ts'))
      .map((target) => `${show(file)} imports ${show(target)}`));
    expect(offending).toEqual([]);
  });

  test('the facts module imports no rule', () => {
    const offending = tsFiles(path.join(LIB, 'analysis', 'facts')).flatMap((file) => relativeImports(file)
      .filter((target) => !path.relative(RULES, target).startsWith('..'))
      .map((target) => `${show(file)} imports ${show(target)}`));
    expect(offending).toEqual([]);
  });
});

describe('rule registry', () => {
  test('there are rule files to check', () => {
    expect(RULE_FILES.length).toBeGreaterThan(50);
  });

  test('each rule file holds exactly one rule, named <area>/<file name>', () => {
    const wrong = RULE_FILES.flatMap((file) => {
      const rules = exportedRules(file);
      const expected = `${areaOf(file)}/${path.basename(file, '.ts')}`;
      if (rules.length !== 1) return [`${show(file)} exports ${rules.length} rules (${rules.map((r) => r.rule).join(', ')})`];
      return rules[0].rule === expected ? [] : [`${show(file)} holds rule '${rules[0].rule}', expected '${expected}'`];
    });
    expect(wrong).toEqual([]);
  });

  test('no helper (`_` file) or area index defines a rule of its own', () => {
    const helpers = tsFiles(RULES).filter((f) => !RULE_FILES.includes(f) && path.basename(f) !== 'index.ts');
    const defining = helpers.filter((f) => exportedRules(f).length > 0).map(show);
    expect(defining).toEqual([]);
  });

  test('every rule file is registered', () => {
    const registered = new Set<_Rule>(ALL_RULES);
    const missing = RULE_FILES.flatMap((file) => exportedRules(file).filter((r) => !registered.has(r)).map((r) => `${r.rule} (${show(file)})`));
    expect(missing).toEqual([]);
  });

  test('every registered rule has its file, once', () => {
    const fromFiles = new Map<_Rule, string>();
    for (const file of RULE_FILES) for (const r of exportedRules(file)) fromFiles.set(r, file);
    const orphans = ALL_RULES.filter((r) => !fromFiles.has(r)).map((r) => r.rule);
    expect(orphans).toEqual([]);
    expect(ALL_RULES.length).toBe(new Set(ALL_RULES).size);
    expect(ALL_RULES.length).toBe(RULE_FILES.length);
  });

  test('the public rule list is the registry', () => {
    expect(MeshAnalysis.rules().map((r) => r.rule).sort()).toEqual(ALL_RULES.map((r) => r.rule).sort());
  });

  test('rule names are unique', () => {
    const names = ALL_RULES.map((r) => r.rule);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test('a code names one finding: rules sharing an Istio code share its message name, and each of our own codes has one rule', () => {
    const nameOf = new Map<string, Set<string>>();
    const idOf = new Map<string, Set<string>>();
    for (const r of ALL_RULES) {
      nameOf.set(r.id, new Set([...(nameOf.get(r.id) ?? []), r.name]));
      idOf.set(r.name, new Set([...(idOf.get(r.name) ?? []), r.id]));
    }
    expect([...nameOf].filter(([, names]) => names.size > 1).map(([id]) => id)).toEqual([]);
    expect([...idOf].filter(([, ids]) => ids.size > 1).map(([name]) => name)).toEqual([]);
    const ours = ALL_RULES.filter((r) => r.id.startsWith('CI')).map((r) => r.id);
    expect(ours.filter((id, i) => ours.indexOf(id) !== i)).toEqual([]);
    for (const r of ALL_RULES) expect(r.id).toMatch(/^(IST|CI)\d{4}$/);
  });
});
