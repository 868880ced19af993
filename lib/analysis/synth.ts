import { ApiObject, App, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { _appIntentMessages, _checkAppIntents, _expect, _publicIntent } from './_intents-check';
import { AnalysisOptions, ExternalReferences, MeshAnalysis } from './analysis';
import { AnalysisLevel, _rank } from './finding';
import { _MeshModel } from './model';
import { AnalysisReport } from './report';
import { MIN_REASON_LENGTH } from './suppression';
import { TrafficExpectation, TrafficIntent, TrafficIntentCheck } from './traffic-intent';
import { _declare, _declaredIn } from '../core/_declarations';
import { _intentsOf } from '../core/_intents';
import { _onLibraryUse } from '../core/_library-use';
import { _suppressRule } from '../core/_suppressions';

/** How the analysis behaves when it runs as part of `app.synth()`. */
export interface SynthAnalysisOptions extends AnalysisOptions {
  /**
   * The least serious level that fails the synth.
   * @default AnalysisLevel.ERROR
   */
  readonly failOn?: AnalysisLevel;

  /**
   * Print the findings that do not fail the synth (to standard error).
   * @default true
   */
  readonly printFindings?: boolean;

  /**
   * Trace every traffic intent the app's constructs declared (`allowFrom()`, `allow()`,
   * `expose*()`, external hosts, canary splits) and every `SynthAnalysis.expect()`, and fail the synth
   * when one does not do what was declared (docs/traffic.md).
   * @default true
   */
  readonly checkIntents?: boolean;
}

const attached = new WeakMap<App, SynthAnalysisOptions>();
/** Apps whose analysis is turned off (SynthAnalysis.disable). */
const disabled = new WeakSet<App>();

// On by default: the first construct of the library created in an App attaches the analysis to it.
_onLibraryUse((root) => {
  if (root instanceof App && !attached.has(root) && !disabled.has(root)) SynthAnalysis.attach(root);
});

/** The external references of an App: those its options give, and those its constructs declared through typed handles. */
function externalOf(app: App, given: ExternalReferences | undefined): ExternalReferences {
  const declared = _declaredIn(app);
  return {
    namespaces: [...(given?.namespaces ?? []), ...declared.namespaces],
    hosts: [...(given?.hosts ?? []), ...declared.hosts],
    serviceAccounts: [...(given?.serviceAccounts ?? []), ...declared.serviceAccounts],
    workloads: [...(given?.workloads ?? []), ...declared.workloads.map((w) => ({ labels: { ...w.labels }, namespace: w.namespace }))],
  };
}
/** Apps whose analysis is running now: cdk8s validates the App again inside `Chart.toJson()`. */
const running = new WeakSet<App>();

/**
 * The last analysis of each App, while the synth that ran it is under way. `app.synth()` validates
 * the whole App once, then again inside each chart's `toJson()`: without this, a one-chart app was
 * analyzed twice and an app of k charts k + 1 times. The result is reused only for the same
 * manifests (an object changed between two validations is analyzed again), and forgotten once the
 * synchronous synth is over, so a later synth analyzes (and prints) afresh.
 */
const lastRun = new WeakMap<App, { input: string; failing: string[] }>();

/**
 * Apps inside their own `synth()` or `synthYaml()`. No code of the user's runs between the
 * validations of one synth, so after the first there, the result is reused without rendering every
 * object again to compare (30,000 objects: ~1.5 s a time).
 */
const synthesizing = new WeakSet<App>();

/** The id of the child that runs the analysis last inside a synth. */
const LAST_CHILD_ID = 'cdk8s-istio-mesh-analysis';

/** Marks the App as synthesizing while its `synth()` and `synthYaml()` run. */
function trackSynth(app: App): void {
  for (const method of ['synth', 'synthYaml'] as const) {
    const original = app[method] as (...args: unknown[]) => unknown;
    Object.defineProperty(app, method, {
      configurable: true,
      writable: true,
      value: function (this: App, ...args: unknown[]) {
        // What an earlier Chart.toJson() found may be stale: the first validation of this synth analyzes afresh.
        lastRun.delete(app);
        synthesizing.add(app);
        // cdk8s validates the tree in pre-order, so a validation on the App runs before every other one. Some
        // constructs add objects or annotations from their own validation (ZeroTrustNamespace's allow-waypoints
        // policy in ambient mode, its restart annotation), so inside a synth the analysis runs from a child
        // added last, after all of them, and sees what will be written.
        app.node.tryRemoveChild(LAST_CHILD_ID);
        new Construct(app, LAST_CHILD_ID).node.addValidation({ validate: () => analyzeApp(app) });
        try {
          return original.apply(this, args);
        } finally {
          synthesizing.delete(app);
          lastRun.delete(app);
          forgetRenderings(app);
          app.node.tryRemoveChild(LAST_CHILD_ID);
        }
      },
    });
  }
}

/**
 * Every object of every chart, rendered with `ApiObject.toJson()` (not `Chart.toJson()`, which
 * validates the whole App again and would call this analysis from inside itself).
 */
function collect(app: App): { manifests: any[]; sources: string[]; objects: ApiObject[] } {
  const manifests: any[] = [];
  const sources: string[] = [];
  const objects: ApiObject[] = [];
  // One walk of the tree, in the order of app.charts (pre-order), each object under its closest chart; not
  // app.charts then each chart's findAll(), which walks every nested chart again (~0.5 s at 30,000 objects).
  const byChart = new Map<Chart, ApiObject[]>();
  for (const c of app.node.findAll()) {
    if (Chart.isChart(c)) {byChart.set(c, byChart.get(c) ?? []);} else if (ApiObject.isApiObject(c)) {
      const chart = Chart.of(c);
      const list = byChart.get(chart) ?? [];
      byChart.set(chart, list);
      list.push(c);
    }
  }
  for (const list of byChart.values()) {
    for (const obj of list) {
      manifests.push(obj.toJson());
      sources.push(obj.node.path);
      objects.push(obj);
    }
  }
  return { manifests, sources, objects };
}

/** The ApiObjects whose rendering is reused for the rest of their App's synth. */
const rendered = new WeakMap<App, ApiObject[]>();

/**
 * Inside a synth the analysis runs after every other validation, and nothing changes an object between it and
 * the writing of the YAML: each object's rendering is kept for `Chart.toJson()` to reuse, instead of resolving
 * every object a second time (at 30,000 objects, about 2 s). The analysis reads the renderings and keeps nothing of
 * them once it is done, so the first `toJson()` of an object takes its rendering itself (no copy: at 30,000 objects
 * a JSON copy of each cost ~0.2 s and tens of MiB); a later call renders the object again, as cdk8s does, so what
 * one caller does to its result never reaches another. `forgetRenderings()` restores `toJson()` when the synth ends.
 */
function keepRenderings(app: App, objects: ApiObject[], manifests: any[]): void {
  objects.forEach((obj, i) => {
    let kept: any = manifests[i];
    const render = Object.getPrototypeOf(obj).toJson as () => any;
    Object.defineProperty(obj, 'toJson', {
      configurable: true,
      writable: true,
      value: () => {
        if (kept === undefined) return render.call(obj);
        const json = kept;
        kept = undefined;
        return json;
      },
    });
  });
  rendered.set(app, objects);
}

function forgetRenderings(app: App): void {
  for (const obj of rendered.get(app) ?? []) delete (obj as { toJson?: unknown }).toJson;
  rendered.delete(app);
}

/**
 * Two constructs that emit one identity (API group, kind, namespace, name): on a cluster the second replaces the first,
 * so inside an app this is an error naming both construct paths (the CLI, reading files, reports it as info CI0010).
 */
function duplicateObjects(manifests: any[], sources: string[], defaultNamespace: string): string[] {
  const first = new Map<string, number>();
  const messages: string[] = [];
  manifests.forEach((m, i) => {
    const name = m?.metadata?.name;
    if (typeof name !== 'string' || name === '' || typeof m.kind !== 'string') return;
    const group = typeof m.apiVersion === 'string' && m.apiVersion.includes('/') ? m.apiVersion.split('/')[0] : '';
    const namespace = m.metadata.namespace ?? defaultNamespace;
    const id = `${group}/${m.kind}/${namespace}/${name}`;
    const at = first.get(id);
    if (at === undefined) {
      first.set(id, i);
      return;
    }
    const resource = m.metadata.namespace ? `${m.kind} ${namespace}/${name}` : `${m.kind} ${name}`;
    messages.push(`error CI0010 ${resource}: two constructs emit the same ${m.kind} '${name}'${m.metadata.namespace ? ` in namespace '${namespace}'` : ''}: `
      + `'${sources[at]}' and '${sources[i]}'; on a cluster the second would replace the first. `
      + 'Fix: give one of them another name (or namespace), or create the object once and share it. [rule: input/duplicate-object]');
  });
  return messages;
}

/** The analysis of the whole App as cdk8s validation messages: the failing findings; the others are printed. */
function analyzeApp(app: App): string[] {
  if (running.has(app) || disabled.has(app)) return [];
  const reused = synthesizing.has(app) ? lastRun.get(app) : undefined;
  if (reused) return reused.failing;
  const opts = attached.get(app) ?? {};
  let report: AnalysisReport;
  let input: string;
  let manifests: any[];
  let duplicates: string[];
  let model: _MeshModel;
  running.add(app);
  try {
    const collected = collect(app);
    manifests = collected.manifests;
    const { sources, objects } = collected;
    if (synthesizing.has(app)) keepRenderings(app, objects, manifests);
    // Outside a synth, an unchanged app reuses the last result; inside one, every later validation reuses this
    // run (above), so the fingerprint (a JSON copy of every manifest) is not worth its cost.
    input = synthesizing.has(app) ? '' : JSON.stringify([manifests, sources, _intentsOf(app).length]);
    const last = lastRun.get(app);
    if (input !== '' && last?.input === input) return last.failing;
    duplicates = duplicateObjects(manifests, sources, opts.defaultNamespace ?? 'default');
    const analysisOptions = {
      ...opts,
      sources,
      strict: opts.strict ?? false,
      external: externalOf(app, opts.external),
      disabledRules: [...(opts.disabledRules ?? []), 'input/duplicate-object'],
    };
    // One model for the rules and the traffic intents' traces (its lookups are memoized: the traces reuse them).
    model = MeshAnalysis._model(manifests, analysisOptions);
    report = MeshAnalysis._analyzeModel(model, analysisOptions);
  } catch {
    // A construct that cannot render reports through its own validation; do not mask it.
    return [];
  } finally {
    running.delete(app);
  }
  const failOn = opts.failOn ?? AnalysisLevel.ERROR;
  const failing = report.active.filter((f) => _rank(f.level) >= _rank(failOn));
  const rest = report.findings.filter((f) => !failing.includes(f));
  if ((opts.printFindings ?? true) && rest.length > 0) {
    process.stderr.write(`cdk8s-istio mesh analysis:\n${new AnalysisReport(rest).toText()}\n`);
  }
  const messages = [...duplicates, ...failing.map((f) => `${f.level} ${f.code} ${f.resource}${f.source ? ` (${f.source})` : ''}: ${f.message} Fix: ${f.fix} [rule: ${f.rule}]`)];
  // Intents are traced inside app.synth() only, where the analysis runs after every construct's own validation
  // (Chart.toJson() validates the App before its children); SynthAnalysis.checkIntents() runs them on demand.
  if ((opts.checkIntents ?? true) && synthesizing.has(app)) {
    messages.push(..._appIntentMessages(app, manifests, { ...opts, external: externalOf(app, opts.external) }, opts.printFindings ?? true, model));
  }
  if (!lastRun.has(app)) queueMicrotask(() => lastRun.delete(app));
  lastRun.set(app, { input, failing: messages });
  return messages;
}

/**
 * Runs the mesh analysis when an App synthesizes: errors (or what `failOn` names) fail
 * `app.synth()` with every finding listed; the rest is printed.
 */
export class SynthAnalysis {
  /**
   * Attaches the mesh analysis to an App (once; a second call replaces the options). From then
   * on `app.synth()` (and `Chart.toJson()`, which cdk8s validates too) runs it. Creating a construct of this library
   * attaches it with the default options already; call this to set options (`strict: true` to have every reference
   * resolve, as the examples do), or after `SynthAnalysis.disable()`.
   */
  public static attach(app: App, options: SynthAnalysisOptions = {}): void {
    disabled.delete(app);
    const first = !attached.has(app);
    attached.set(app, options);
    if (!first) return;
    trackSynth(app);
    // Outside a synth (Chart.toJson(), app.node.validate()) the App's own validation runs it.
    app.node.addValidation({ validate: () => (synthesizing.has(app) ? [] : analyzeApp(app)) });
  }

  /**
   * Adds a request-level expectation of the mesh, checked when the App synthesizes with the analysis
   * attached: the request is traced through the app's manifests, and an outcome other than
   * `outcome` fails the synth with the trace.
   *
   * @example
   * SynthAnalysis.expect(app, { from: 'pod:web/frontend', url: 'http://cart.shop.svc.cluster.local:8080/cart', outcome: TraceOutcome.DELIVERED });
   */
  public static expect(app: App, expectation: TrafficExpectation): void {
    _expect(app, expectation);
  }

  /** The traffic intents the app's constructs declared and the expectations added, as the synth traces them. */
  public static intents(app: App): TrafficIntent[] {
    return _intentsOf(app).map(_publicIntent);
  }

  /**
   * Traces every traffic intent and expectation of the App now, over its manifests, and returns each
   * traced request with its result (what the synth checks, without failing anything).
   */
  public static checkIntents(app: App, options: AnalysisOptions = {}): TrafficIntentCheck[] {
    // The constructs' own validations first, as in a synth: some add objects there (ambient allow-waypoints).
    running.add(app);
    try {
      for (const c of app.node.findAll()) c.node.validate();
    } finally {
      running.delete(app);
    }
    // Asked for explicitly, every intent is traced (strict), unless the options say otherwise.
    const external = externalOf(app, options.external);
    return _checkAppIntents(app, collect(app).manifests, { ...options, strict: options.strict ?? true, external }).checks;
  }

  /** True once the analysis is attached to the App (and not disabled). */
  public static isAttached(app: App): boolean {
    return attached.has(app) && !disabled.has(app);
  }

  /**
   * Turns the analysis off for an App. It is on by default: creating any construct of this library in an App runs the
   * analysis in `app.synth()` (not strict: only references into the namespaces the App defines are checked). Use this
   * for an App that builds something invalid on purpose, or that runs the analysis elsewhere (the CLI, the plugin).
   * `SynthAnalysis.attach()` turns it on again.
   */
  public static disable(app: App): void {
    disabled.add(app);
  }

  /**
   * Declares what the App refers to but does not define (it lives in another chart, a Helm release, another team's
   * namespace): references to it are not reported as missing. References made through typed handles
   * (`Identity.fromNames()`, `MeshPeer.namespace()`, an IngressGateway's `selector`) are declared already.
   *
   * @param scope any construct of the App
   * @param external the namespaces, hosts, service accounts and workloads that live elsewhere
   */
  public static declareExternal(scope: IConstruct, external: ExternalReferences): void {
    for (const namespace of external.namespaces ?? []) _declare(scope, { namespace });
    for (const host of external.hosts ?? []) _declare(scope, { host });
    for (const account of external.serviceAccounts ?? []) {
      const [namespace, name, ...rest] = account.split('/');
      if (!namespace || !name || rest.length > 0) {
        throw new Error(`SynthAnalysis.declareExternal '${scope.node.path}': 'serviceAccounts' entries must be '<namespace>/<name>' (received: ${JSON.stringify(account)}). `
          + 'Write it as \'monitoring/prometheus\'.');
      }
      _declare(scope, { serviceAccount: { namespace, name } });
    }
    for (const workload of external.workloads ?? []) _declare(scope, { workload: { labels: workload.labels, namespace: workload.namespace } });
  }

  /**
   * Suppresses a rule on every Kubernetes object under a construct, with a reason that every
   * report shows. Recorded as the `cdk8s-istio.analysis/suppress` annotation on each object.
   *
   * @param scope the construct (an object, a chart, a pattern) whose objects the suppression covers
   * @param id the rule id (`IST0118`, `CI0003`: every rule with that code) or a rule name
   * (`authz/namespace-not-found`: that rule alone); `MeshAnalysis.rules()` lists both
   * @param reason why, in at least 10 characters
   */
  public static suppress(scope: IConstruct, id: string, reason: string): void {
    if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
      throw new Error(`SynthAnalysis.suppress '${scope.node.path}': 'reason' must say why in at least ${MIN_REASON_LENGTH} characters `
        + `(received: ${JSON.stringify(reason)}). Write why the finding does not apply, for the next reader.`);
    }
    const known = MeshAnalysis.rules();
    if (!known.some((r) => r.id === id || r.rule === id)) {
      const hint = typeof id === 'string' ? known.find((r) => r.rule.endsWith(`/${id}`) || r.id === id.toUpperCase()) : undefined;
      throw new Error(`SynthAnalysis.suppress '${scope.node.path}': 'id' must be a rule id such as IST0118 or a rule name such as `
        + `authz/namespace-not-found (received: ${JSON.stringify(id)}). ${hint ? `Did you mean '${hint.rule}'? ` : ''}MeshAnalysis.rules() lists them.`);
    }
    _suppressRule(scope, id, reason.trim());
  }
}
