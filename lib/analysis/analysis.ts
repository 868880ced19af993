import { AnalysisLevel, Finding } from './finding';
import { _MeshModel } from './model';
import { AnalysisReport } from './report';
import { _Rule, _resourceName } from './rule';
import { ALL_RULES } from './rules';
import { _readSuppressions } from './suppression';
import { _TraceModel } from './trace/_trace-model';
import { TraceOptions, TraceRequest, TraceResult } from './trace/request';

/** Options of an analysis run. */
export interface AnalysisOptions {
  /**
   * Namespace of objects whose manifest declares none.
   * @default 'default'
   */
  readonly defaultNamespace?: string;

  /**
   * Istio mesh config (the `meshConfig` of the install), for the rules that depend on it.
   * @default - Istio's defaults
   */
  readonly meshConfig?: any;

  /**
   * Run only these rule ids.
   * @default - every rule
   */
  readonly rules?: string[];

  /**
   * Never run these rule ids.
   * @default - none disabled
   */
  readonly disabledRules?: string[];

  /**
   * Where each manifest came from (construct path or file), index for index.
   * @default - not known
   */
  readonly sources?: string[];
}

/** A rule's metadata, as listed in docs/rules.md. */
export interface RuleInfo {
  /** The rule id. */
  readonly id: string;
  /** Its name. */
  readonly name: string;
  /** Its level. */
  readonly level: AnalysisLevel;
  /** What it finds. */
  readonly cause: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix it. */
  readonly fix: string;
  /** The istioctl analyzer that reports the same code. @default - our own rule */
  readonly istioAnalyzer?: string;
  /** True when no suppression silences it. @default false */
  readonly unsuppressible?: boolean;
}

/**
 * The mesh analysis: the checks `istioctl analyze` and Kiali run on a live cluster, run on
 * manifests before they reach one. It reads plain manifests, so it serves synthesized charts,
 * included YAML and files alike.
 */
export class MeshAnalysis {
  /** Every rule the analysis knows, in id order. */
  public static rules(): RuleInfo[] {
    return [...ALL_RULES].sort((a, b) => a.id.localeCompare(b.id)).map((r) => ({
      id: r.id,
      name: r.name,
      level: r.level,
      cause: r.cause,
      why: r.why,
      fix: r.fix,
      istioAnalyzer: r.istioAnalyzer,
      unsuppressible: r.unsuppressible ?? false,
    }));
  }

  /** Analyzes manifests and returns every finding, with suppressions applied. */
  public static analyze(manifests: any[], options: AnalysisOptions = {}): AnalysisReport {
    const only = options.rules ? new Set(options.rules) : undefined;
    const disabled = new Set(options.disabledRules ?? []);
    return MeshAnalysis._analyzeWith(manifests, ALL_RULES.filter((r) => (!only || only.has(r.id)) && !disabled.has(r.id)), options);
  }

  /**
   * Traces one request through the mesh the manifests describe, the way Istio 1.30's proxies handle
   * it: the caller's Sidecar scope and outbound policy, host resolution, Gateway servers,
   * VirtualService routing, DestinationRule subsets and TLS, PeerAuthentication and AuthorizationPolicy
   * (sidecar, ztunnel and waypoint). Returns the outcome, the HTTP status, the backends with their
   * share of requests, and each decision with the object that made it. Reads manifests only;
   * docs/traffic.md says what it cannot know.
   *
   * @param manifests the Kubernetes and Istio objects (synthesized or read from files)
   * @param request who sends what: `from` (`pod:<ns>/<sa>[?labels]`, `plain:<ns>`, `gateway:<ns>/<sa>?<labels>`), `url`, `method`, `headers`
   * @example MeshAnalysis.trace(app.synth(), { from: 'pod:web/frontend', url: 'http://cart.shop/items' })
   */
  public static trace(manifests: any[], request: TraceRequest, options: TraceOptions = {}): TraceResult {
    return new _TraceModel(manifests, options).trace(request);
  }

  /** Traces many requests over one model of the manifests, built once. @internal */
  public static _traceAll(manifests: any[], requests: TraceRequest[], options: TraceOptions = {}): TraceResult[] {
    const model = new _TraceModel(manifests, options);
    return requests.map((r) => model.trace(r));
  }

  /** Runs the given rules only (tests select the rules of one Istio analyzer). @internal */
  public static _analyzeWith(manifests: any[], rules: readonly _Rule[], options: AnalysisOptions = {}): AnalysisReport {
    const model = new _MeshModel(manifests, { defaultNamespace: options.defaultNamespace, meshConfig: options.meshConfig, sources: options.sources });
    const findings: Finding[] = [];
    for (const rule of rules) findings.push(...MeshAnalysis.run(rule, model));
    return new AnalysisReport(findings);
  }

  private static run(rule: _Rule, model: _MeshModel): Finding[] {
    let raw;
    try {
      raw = rule.check(model);
    } catch (e) {
      // A rule never throws by contract; if one does, report it instead of failing the synth.
      return [{
        code: 'IST0001',
        level: AnalysisLevel.ERROR,
        kind: 'Rule',
        name: rule.id,
        resource: `Rule ${rule.id}`,
        message: `Internal error in rule ${rule.id}: ${(e as Error).message}`,
        fix: 'Report this as a bug in cdk8s-istio.',
      }];
    }
    return raw.map(({ obj, message }) => {
      const suppression = rule.unsuppressible ? undefined : _readSuppressions(obj.raw).suppressions.find((s) => s.id === rule.id);
      return {
        code: rule.id,
        level: rule.level,
        kind: obj.kind,
        namespace: obj.declaredNamespace,
        name: obj.name,
        resource: _resourceName(obj),
        message,
        fix: rule.fix,
        source: obj.source,
        suppressedReason: suppression?.reason,
      };
    });
  }
}
