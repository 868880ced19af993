import { MeshAnalysis } from './analysis';
import { AnalysisLevel, Finding, _rank } from './finding';

/** Properties of the validation plugin, from the `properties` of its `cdk8s.yaml` entry. */
export interface MeshAnalysisPluginProps {
  /**
   * The least serious level that fails the synth (`error`, `warning` or `info`).
   * @default 'error'
   */
  readonly failOn?: string;

  /**
   * Namespace of objects whose manifest declares none.
   * @default 'default'
   */
  readonly defaultNamespace?: string;

  /**
   * Rules not to run, by id (every rule with that code) or rule name (`authz/namespace-not-found`).
   * @default - every rule runs
   */
  readonly disabledRules?: string[];

  /**
   * Istio mesh config, for the rules that depend on it.
   * @default - Istio's defaults
   */
  readonly meshConfig?: any;
}

/**
 * The mesh analysis as a cdk8s validation plugin, for apps whose manifests do not all come from
 * this library (Helm charts, `Include`d YAML). Name it in `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: cdk8s-istio
 *     version: 0.1.0
 *     class: MeshAnalysisPlugin
 *     properties:
 *       failOn: warning
 * ```
 *
 * Findings at or above `failOn` are reported as violations, one per rule with every resource it
 * found; the rest are logged.
 */
export class MeshAnalysisPlugin {
  private readonly failOn: AnalysisLevel;

  constructor(private readonly props: MeshAnalysisPluginProps = {}) {
    const failOn = props.failOn ?? 'error';
    if (!Object.values(AnalysisLevel).includes(failOn as AnalysisLevel)) {
      throw new Error(`MeshAnalysisPlugin: 'failOn' must be error, warning or info (received: ${JSON.stringify(failOn)}). Set it in the plugin's properties in cdk8s.yaml.`);
    }
    this.failOn = failOn as AnalysisLevel;
  }

  /**
   * Runs the analysis on the synthesized manifests and reports to cdk8s.
   *
   * @param context the cdk8s-cli `ValidationContext`
   */
  public async validate(context: any): Promise<void> {
    const manifests: any[] = [];
    const sources: string[] = [];
    for (const file of context.manifests as string[]) {
      for (const obj of context.parseManifest(file)) {
        manifests.push(obj);
        sources.push(file);
      }
    }
    const report = MeshAnalysis.analyze(manifests, {
      defaultNamespace: this.props.defaultNamespace,
      disabledRules: this.props.disabledRules,
      meshConfig: this.props.meshConfig,
      sources,
    });
    const failing = report.active.filter((f) => _rank(f.level) >= _rank(this.failOn));
    for (const f of report.findings.filter((x) => !failing.includes(x))) {
      context.logger.log(`${f.suppressedReason !== undefined ? 'suppressed ' : ''}${f.level} ${f.code} ${f.resource}: ${f.message}`);
    }
    const byRule = new Map<string, Finding[]>();
    for (const f of failing) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    const names = new Map(MeshAnalysis.rules().map((r) => [r.rule, r.name]));
    for (const [rule, findings] of byRule) {
      context.report.addViolation({
        ruleName: `${findings[0].code} ${names.get(rule) ?? ''} (${rule})`.replace('  ', ' '),
        recommendation: findings.map((f) => `${f.resource}: ${f.message}`).join('\n'),
        fix: findings[0].fix,
        violatingResources: findings.map((f) => ({ resourceName: f.name, manifestPath: f.source ?? '', locations: [] })),
      });
    }
    context.report.submit(failing.length > 0 ? 'failure' : 'success', {
      objects: String(manifests.length),
      findings: String(report.active.length),
      suppressed: String(report.suppressed.length),
    });
  }
}
