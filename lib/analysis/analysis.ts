import { AnalysisLevel, Finding } from './finding';
import { _MeshModel } from './model';
import { AnalysisReport } from './report';
import { _Rule, _resourceName } from './rule';
import { ALL_RULES } from './rules';
import { _readSuppressions } from './suppression';
import { _TraceModel } from './trace/_trace-model';
import { TraceOptions, TraceRequest, TraceResult } from './trace/request';

/** A workload that runs outside the manifests analysed (a gateway installed by Istio or Helm): its pod labels. */
export interface ExternalWorkload {
  /** Labels of its pods (`{ istio: 'ingress' }`). */
  readonly labels: { [key: string]: string };
  /**
   * Its namespace.
   * @default - any namespace
   */
  readonly namespace?: string;
}

/**
 * What the manifests refer to but do not define, because it lives elsewhere (another chart, Helm, another team): the
 * analysis takes these as existing instead of reporting them missing.
 */
export interface ExternalReferences {
  /**
   * Namespaces that exist outside the manifests; every reference into them (hosts, service accounts, workloads) is taken as existing.
   * @default - none
   */
  readonly namespaces?: string[];
  /**
   * Hosts that exist outside the manifests: a Service's FQDN (`reviews.shop.svc.cluster.local`), its short name (any
   * namespace), or an external name (`api.example.com`).
   * @default - none
   */
  readonly hosts?: string[];
  /**
   * Service accounts that exist outside the manifests, as `<namespace>/<name>`.
   * @default - none
   */
  readonly serviceAccounts?: string[];
  /**
   * Workloads (gateways) that run outside the manifests, which selectors may pick.
   * @default - none
   */
  readonly workloads?: ExternalWorkload[];
}

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
   * Run only these rules, by id (`IST0101`: every rule with that code) or rule name (`authz/namespace-not-found`).
   * @default - every rule
   */
  readonly rules?: string[];

  /**
   * Never run these rules, by id (every rule with that code) or rule name.
   * @default - none disabled
   */
  readonly disabledRules?: string[];

  /**
   * Where each manifest came from (construct path or file), index for index.
   * @default - not known
   */
  readonly sources?: string[];

  /**
   * What lives outside the manifests: references to it are not reported as missing.
   * @default - nothing declared
   */
  readonly external?: ExternalReferences;

  /**
   * Strict: every reference must resolve, to the manifests or to `external`. Not strict: a reference into a namespace the
   * manifests do not define (no Namespace object), or to no namespace in particular (a gateway selector, a namespace
   * pattern), is taken as external, and only references into the manifests' own namespaces are checked.
   * @default true for `MeshAnalysis.analyze()` and the CLI; `SynthAnalysis` defaults to false
   */
  readonly strict?: boolean;
}

/** A rule's metadata, as listed in docs/rules.md. */
export interface RuleInfo {
  /** The rule id: Istio's code, shared by the rules that mirror one Istio message. */
  readonly id: string;
  /** The rule's stable name (`authz/namespace-not-found`), unique per rule. */
  readonly rule: string;
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
    return [...ALL_RULES].sort((a, b) => a.id.localeCompare(b.id) || a.rule.localeCompare(b.rule)).map((r) => ({
      id: r.id,
      rule: r.rule,
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
    return MeshAnalysis._analyzeWith(manifests, MeshAnalysis.selectedRules(options), options);
  }

  /**
   * Runs the rules `options` select over a model already built from the manifests with the same options (the synth
   * builds one model for the analysis and the traffic intents' traces). @internal
   */
  public static _analyzeModel(model: _MeshModel, options: AnalysisOptions = {}): AnalysisReport {
    return MeshAnalysis.runRules(model, MeshAnalysis.selectedRules(options));
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
    return MeshAnalysis.runRules(MeshAnalysis._model(manifests, options), rules);
  }

  /** The model the rules read, built from the manifests with the options' namespace, mesh config, sources and references. @internal */
  public static _model(manifests: any[], options: AnalysisOptions = {}): _MeshModel {
    return new _MeshModel(manifests, {
      defaultNamespace: options.defaultNamespace,
      meshConfig: options.meshConfig,
      sources: options.sources,
      external: options.external,
      strict: options.strict,
    });
  }

  /** The rules `rules` and `disabledRules` select. */
  private static selectedRules(options: AnalysisOptions): _Rule[] {
    const only = options.rules ? new Set(options.rules) : undefined;
    const disabled = new Set(options.disabledRules ?? []);
    const named = (set: Set<string>, r: _Rule) => set.has(r.id) || set.has(r.rule);
    return ALL_RULES.filter((r) => (!only || named(only, r)) && !named(disabled, r));
  }

  private static runRules(model: _MeshModel, rules: readonly _Rule[]): AnalysisReport {
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
        rule: rule.rule,
        level: AnalysisLevel.ERROR,
        kind: 'Rule',
        name: rule.id,
        resource: `Rule ${rule.id}`,
        message: `Internal error in rule ${rule.id}: ${(e as Error).message}`,
        fix: 'Report this as a bug in cdk8s-istio.',
      }];
    }
    return raw.filter((f) => f.ref === undefined || !model.isExternal(f.ref)).map(({ obj, message }) => {
      const suppression = rule.unsuppressible ? undefined
        : _readSuppressions(obj.raw).suppressions.find((s) => s.id === rule.id || s.id === rule.rule);
      return {
        code: rule.id,
        rule: rule.rule,
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
