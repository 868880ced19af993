import { MeshAnalysis } from './analysis';

/**
 * The text of docs/rules.md, generated from the rule files: every rule with its id, level, cause,
 * why and fix. `npx projen docgen:rules` writes it; a test fails when the file is stale.
 * @internal
 */
export function _rulesMarkdown(): string {
  const rules = MeshAnalysis.rules();
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# Mesh analysis rules',
    '',
    '<!-- generated from lib/analysis/rules by `npx projen docgen:rules`; do not edit -->',
    '',
    `${rules.length} rules. Ids \`IST0xxx\` are Istio's own codes, reported for the same finding as \`istioctl analyze\`;`,
    'several rules can share one Istio code (IST0101 "referenced resource not found" comes from many analyzers),',
    'so each rule also has its own stable name (`authz/namespace-not-found`), carried by every finding as `rule`.',
    'Errors fail `cdk8s synth`; warnings and infos are printed. Suppress a rule on an object with',
    '`SynthAnalysis.suppress(construct, idOrRule, reason)` or the `cdk8s-istio.analysis/suppress` annotation, and disable',
    'it with `--disable` or `disabledRules`: an id covers every rule with that code, a rule name that rule alone. Rules',
    'marked "never" cannot be suppressed.',
    '',
    '| id | rule | level | name | cause | fix | Istio analyzer | suppressible |',
    '|---|---|---|---|---|---|---|---|',
    ...rules.map((r) => `| ${r.id} | ${r.rule} | ${r.level} | ${r.name} | ${cell(r.cause)} | ${cell(r.fix)} | ${r.istioAnalyzer ?? 'ours'} | ${r.unsuppressible ? 'never' : 'yes'} |`),
    '',
    '## Why each rule matters',
    '',
    ...rules.flatMap((r) => [`### ${r.id} ${r.rule}: ${r.name}${r.istioAnalyzer ? ` (${r.istioAnalyzer})` : ''}`, '', cell(r.why), '']),
  ];
  return lines.join('\n');
}
