import { Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { _checkProviderName, _declaredProviders, _KINDS } from './_mesh-config';
import { MeshControlPlane } from './mesh-control-plane';
import { _validateDerivedNames } from '../core/_derived-names';
import { _constructSubject, _Problems, _requireArg, _requireProps } from '../core/_errors';
import { _checkDnsLabel, _checkDnsSubdomain, _checkNamespace } from '../core/_names';
import { _checkPercentage } from '../core/_numbers';
import { _checkPort } from '../core/_port';
import { _checkNotSynthesized, _watchSynth } from '../core/_synth';
import { MeshLabels } from '../core/labels';
import { WorkloadSelector } from '../core/selector';
import {
  AccessLogging, IstioMetric, Metrics, MetricsOverride, TagOverride, Telemetry, Tracing, TracingTag, WorkloadMode,
} from '../telemetry/telemetry';

const ERRORS_ONLY = 'response.code >= 400';

/**
 * Access logs of the workloads in scope.
 *
 * @see https://istio.io/latest/docs/tasks/observability/logs/access-log/
 */
export interface ObservabilityAccessLogs {
  /**
   * The logging providers.
   *
   * @default ['envoy'] - Envoy's built-in provider, which writes to the proxy's stdout
   * @see https://istio.io/latest/docs/reference/config/telemetry/#AccessLogging
   */
  readonly providers?: string[];

  /**
   * A CEL expression selecting what is logged, such as `response.code >= 400 || connection.mtls == false`.
   * Exclusive with `errorsOnly`.
   *
   * @default - every request is logged
   * @see https://istio.io/latest/docs/tasks/observability/logs/telemetry-api/
   */
  readonly filter?: string;

  /**
   * Log only failed requests: the filter `response.code >= 400`. Exclusive with `filter`.
   *
   * @default false
   * @see https://istio.io/latest/docs/tasks/observability/logs/telemetry-api/
   */
  readonly errorsOnly?: boolean;

  /**
   * The traffic direction logged.
   *
   * @default - Istio's default: client and server
   * @see https://istio.io/latest/docs/reference/config/telemetry/#WorkloadMode
   */
  readonly mode?: WorkloadMode;
}

/**
 * Tracing of the workloads in scope. Proxies create the spans, but only the application can link
 * them into one trace: it must copy the headers of `MeshObservability.TRACE_HEADERS` from each
 * incoming request to the requests it makes while serving it.
 *
 * @see https://istio.io/latest/docs/tasks/observability/distributed-tracing/
 */
export interface ObservabilityTracing {
  /**
   * The tracing providers (declared in the control plane's `meshConfig.extensionProviders`).
   *
   * @default - the mesh's default tracing provider (`meshConfig.defaultProviders.tracing`)
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly providers?: string[];

  /**
   * Percentage of requests sampled, from 0 to 100.
   *
   * @default - the mesh's default (1% out of the box)
   * @see https://istio.io/latest/docs/tasks/observability/distributed-tracing/sampling/
   */
  readonly samplingPercentage?: number;

  /**
   * Tags added to every span, by name.
   *
   * @default - none
   * @see https://istio.io/latest/docs/tasks/observability/distributed-tracing/telemetry-api/
   */
  readonly customTags?: { [name: string]: TracingTag };
}

/**
 * Metrics of the workloads in scope.
 *
 * @see https://istio.io/latest/docs/tasks/observability/metrics/customize-metrics/
 */
export interface ObservabilityMetrics {
  /**
   * The metrics providers.
   *
   * @default ['prometheus']
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Metrics
   */
  readonly providers?: string[];

  /**
   * Tags (labels) to add, change or remove on `metric`, by tag name, such as
   * `{ request_host: TagOverride.upsert('request.host'), destination_canonical_revision: TagOverride.remove() }`.
   *
   * @default - the standard tags
   * @see https://istio.io/latest/docs/tasks/observability/metrics/customize-metrics/
   */
  readonly tagOverrides?: { [tag: string]: TagOverride };

  /**
   * The metric `tagOverrides` applies to.
   *
   * @default IstioMetric.ALL_METRICS
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  readonly metric?: IstioMetric;

  /**
   * Further overrides, applied after `tagOverrides` (turning metrics off, per-direction tags).
   *
   * @default - none
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricsOverrides
   */
  readonly overrides?: MetricsOverride[];
}

/** Props of a MeshObservability. */
export interface MeshObservabilityProps {
  /**
   * The namespace whose workloads the settings apply to.
   *
   * @default - the root namespace: the settings apply to the whole mesh
   * @see https://istio.io/latest/docs/tasks/observability/telemetry/
   */
  readonly namespace?: string;

  /**
   * The control plane the settings belong to: gives the root namespace and the declared providers,
   * which the provider names are checked against.
   *
   * @default - providers are not checked; the root namespace is `rootNamespace`
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider
   */
  readonly controlPlane?: MeshControlPlane;

  /**
   * Istio's root namespace, when no control plane is given.
   *
   * @default 'istio-system'
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  readonly rootNamespace?: string;

  /**
   * The Telemetry's name.
   *
   * @default - 'mesh-default' in the root namespace, 'namespace-default' in another
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly name?: string;

  /**
   * The workloads of the namespace the settings apply to.
   *
   * @default - every workload of the namespace (of the mesh, in the root namespace)
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly selector?: WorkloadSelector;

  /**
   * Access log settings.
   *
   * @default - the mesh's access logging applies
   * @see https://istio.io/latest/docs/tasks/observability/logs/access-log/
   */
  readonly accessLogs?: ObservabilityAccessLogs;

  /**
   * Tracing settings.
   *
   * @default - the mesh's tracing applies
   * @see https://istio.io/latest/docs/tasks/observability/distributed-tracing/
   */
  readonly tracing?: ObservabilityTracing;

  /**
   * Metrics settings.
   *
   * @default - the mesh's metrics apply
   * @see https://istio.io/latest/docs/tasks/observability/metrics/
   */
  readonly metrics?: ObservabilityMetrics;
}

/**
 * Observability of the mesh (or of one namespace): a Telemetry for access logs (optionally only
 * failures), tracing (sampling, providers, custom tags) and metric tag overrides, built on the
 * Telemetry L2; plus what a Prometheus needs to scrape Envoy and istiod (`prometheus.io` pod
 * annotations, or scrape jobs) and the list of headers applications must propagate for traces.
 *
 * @see https://istio.io/latest/docs/tasks/observability/telemetry/
 * @example
 * new MeshObservability(chart, 'observability', {
 *   controlPlane,
 *   accessLogs: { errorsOnly: true },
 *   tracing: { providers: ['otel-tracing'], samplingPercentage: 10 },
 * });
 */
export class MeshObservability extends Construct {
  /**
   * The headers an application must copy from each incoming request to the requests it makes while
   * serving it, so that the proxies' spans join one trace: the request id, B3 (multi- and
   * single-header) and W3C Trace Context. Other tracers use their own headers too
   * (`x-ot-span-context`, `x-cloud-trace-context`, `grpc-trace-bin`, `sw8`).
   *
   * @see https://istio.io/latest/docs/tasks/observability/distributed-tracing/overview/#trace-context-propagation
   */
  public static readonly TRACE_HEADERS: string[] = [
    'x-request-id',
    'x-b3-traceid',
    'x-b3-spanid',
    'x-b3-parentspanid',
    'x-b3-sampled',
    'x-b3-flags',
    'b3',
    'traceparent',
    'tracestate',
  ];

  /**
   * The pod annotations Istio's injector ends with on an injected pod while metrics merging is on:
   * Envoy's and the application's metrics, merged by istio-agent, at `:15020/stats/prometheus`. Do
   * not write them on pod templates: the injector treats a `prometheus.io/port` of 15020 as already
   * merged and leaves the application's metrics out (`applyPrometheusMerge`,
   * pkg/kube/inject/webhook.go); `addPrometheusScrapeAnnotations()` writes what it needs instead.
   *
   * @see https://istio.io/latest/docs/ops/integrations/prometheus/#option-1-metrics-merging
   */
  public static readonly PROMETHEUS_ANNOTATIONS: { [key: string]: string } = {
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': '15020',
    'prometheus.io/path': '/stats/prometheus',
  };

  /**
   * Prometheus scrape jobs (YAML, for `scrape_configs`) for istiod's `http-monitoring` port and for
   * every Envoy's `*-envoy-prom` port (sidecars and gateways), as Istio's Prometheus integration
   * documents them for a Prometheus that does not scrape by annotations.
   *
   * @see https://istio.io/latest/docs/ops/integrations/prometheus/#option-2-customized-scraping-configurations
   */
  public static prometheusScrapeConfigs(options: PrometheusScrapeOptions = {}): string {
    const istioNamespace = options.istioNamespace ?? 'istio-system';
    const problems = new _Problems('MeshObservability.prometheusScrapeConfigs');
    _checkNamespace(problems, 'istioNamespace', istioNamespace, 'Give the control plane\'s namespace, such as \'istio-system\'.');
    if (options.revision !== undefined) _checkDnsLabel(problems, 'revision', options.revision, 'Give the revision as installed, such as \'1-30-3\'.');
    problems.throwIfAny();
    const istiod = options.revision ? `istiod-${options.revision}` : 'istiod';
    return Yaml.stringify([
      {
        job_name: 'istiod',
        kubernetes_sd_configs: [{ role: 'endpoints', namespaces: { names: [istioNamespace] } }],
        relabel_configs: [{
          source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'],
          action: 'keep',
          regex: `${istiod};http-monitoring`,
        }],
      },
      {
        job_name: 'envoy-stats',
        metrics_path: '/stats/prometheus',
        kubernetes_sd_configs: [{ role: 'pod' }],
        relabel_configs: [{ source_labels: ['__meta_kubernetes_pod_container_port_name'], action: 'keep', regex: '.*-envoy-prom' }],
      },
    ]);
  }

  /**
   * The Telemetry.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  public readonly telemetry: Telemetry;

  /**
   * The namespace the Telemetry is in.
   *
   * @see https://istio.io/latest/docs/tasks/observability/telemetry/
   */
  public readonly namespace: string;

  /**
   * True when the settings apply to the whole mesh (the Telemetry is in the root namespace, without selector).
   *
   * @see https://istio.io/latest/docs/tasks/observability/telemetry/
   */
  public readonly meshWide: boolean;

  private readonly subject: string;
  private readonly scrapeScopes: { scope: IConstruct; options: PrometheusScrapeAnnotationOptions }[] = [];

  constructor(scope: Construct, id: string, props: MeshObservabilityProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('MeshObservability', scope, id);
    _requireProps(this.subject, props, {});
    _watchSynth(this);
    _validateDerivedNames(this, 'MeshObservability');
    const rootNamespace = props.controlPlane?.rootNamespace ?? props.rootNamespace ?? 'istio-system';
    this.namespace = props.namespace ?? rootNamespace;
    this.meshWide = this.namespace === rootNamespace && props.selector === undefined;
    const name = props.name ?? (this.namespace === rootNamespace ? 'mesh-default' : 'namespace-default');

    const problems = new _Problems(this.subject);
    for (const [prop, ns] of [['namespace', this.namespace], ['rootNamespace', rootNamespace]] as const) {
      _checkNamespace(problems, prop, ns, 'Use a name such as \'istio-system\' or \'payments\'.');
    }
    _checkDnsSubdomain(problems, 'name', name, 'Use a name such as \'mesh-default\'.');
    problems.check(props.accessLogs !== undefined || props.tracing !== undefined || props.metrics !== undefined, 'accessLogs, tracing, metrics',
      'are all unset, so the Telemetry would change nothing', {}, 'Give at least one of accessLogs, tracing and metrics.');
    if (this.meshWide && props.controlPlane?.telemetry) {
      problems.add('controlPlane', `already has a mesh-wide Telemetry (${props.controlPlane.telemetry.name}); Istio applies only one Telemetry without selector per namespace`,
        props.controlPlane.node.path, 'Move these settings into one of the two: the control plane\'s meshTelemetry, or this MeshObservability.');
    }
    const logs = props.accessLogs;
    if (logs) {
      problems.check(logs.filter === undefined || logs.filter.trim().length > 0, 'accessLogs.filter', 'must be a CEL expression, not empty', logs.filter,
        `Give an expression such as '${ERRORS_ONLY}', or leave filter out to log every request.`);
      problems.check(!(logs.filter !== undefined && logs.errorsOnly), 'accessLogs.errorsOnly', 'cannot be set together with filter', logs.errorsOnly,
        `Keep errorsOnly for '${ERRORS_ONLY}', or write the condition you want in filter.`);
      (logs.providers ?? []).forEach((p, i) => problems.check(typeof p === 'string' && p.length > 0, `accessLogs.providers[${i}]`, 'must name a provider', p,
        'Give a provider name such as \'envoy\'.'));
    }
    _checkPercentage(problems, 'tracing.samplingPercentage', props.tracing?.samplingPercentage);
    if (props.controlPlane) {
      const declared = _declaredProviders(props.controlPlane._meshConfig());
      (logs?.providers ?? []).forEach((n, i) => _checkProviderName(problems, `accessLogs.providers[${i}]`, n, _KINDS.ACCESS_LOG, declared));
      (props.tracing?.providers ?? []).forEach((n, i) => _checkProviderName(problems, `tracing.providers[${i}]`, n, _KINDS.TRACING, declared));
      (props.metrics?.providers ?? []).forEach((n, i) => _checkProviderName(problems, `metrics.providers[${i}]`, n, _KINDS.METRICS, declared));
    }
    problems.throwIfAny();

    const accessLogging: AccessLogging[] = logs ? [{
      providers: logs.providers ?? ['envoy'],
      filter: logs.errorsOnly ? ERRORS_ONLY : logs.filter,
      mode: logs.mode,
    }] : [];
    const tracing: Tracing[] = props.tracing ? [{
      providers: props.tracing.providers,
      randomSamplingPercentage: props.tracing.samplingPercentage,
      customTags: props.tracing.customTags,
    }] : [];
    const m = props.metrics;
    const overrides: MetricsOverride[] = [
      ...(m?.tagOverrides && Object.keys(m.tagOverrides).length > 0
        ? [{ metric: m.metric ?? IstioMetric.ALL_METRICS, tagOverrides: m.tagOverrides }] : []),
      ...(m?.overrides ?? []),
    ];
    const metrics: Metrics[] = m ? [{ providers: m.providers ?? ['prometheus'], overrides: overrides.length > 0 ? overrides : undefined }] : [];

    this.telemetry = new Telemetry(this, 'Telemetry', {
      metadata: { name, namespace: this.namespace },
      selector: props.selector,
      accessLogging,
      tracing,
      metrics,
    });

    this.node.addValidation({ validate: () => this.annotateWorkloads() });
  }

  /**
   * Adds the `prometheus.io` scrape annotations to the pod templates of the cdk8s-plus Deployments,
   * StatefulSets and DaemonSets found under `scope` at synth time, for a Prometheus that scrapes by
   * annotation, in the form Istio's metrics merging expects: `prometheus.io/scrape: "true"` and,
   * when the application serves metrics, `prometheus.io/port` and `prometheus.io/path` naming the
   * application's endpoint. At injection, istio-agent takes those over (into the sidecar's
   * `ISTIO_PROMETHEUS_ANNOTATIONS`) and the pod's annotations become `:15020/stats/prometheus`, where
   * it serves Envoy's and the application's metrics merged, in plaintext outside the mTLS capture, so
   * a Prometheus without an Istio certificate scrapes it under STRICT. Port 15020 is never written:
   * the injector would read it as already merged and leave the application's metrics out. Skipped:
   * pod templates that already carry a `prometheus.io/` annotation, and pods without a sidecar
   * (`sidecar.istio.io/inject: "false"`, `istio.io/dataplane-mode: ambient`).
   *
   * @see https://istio.io/latest/docs/ops/integrations/prometheus/#option-1-metrics-merging
   * @example observability.addPrometheusScrapeAnnotations(paymentsChart, { metricsPort: 9090 });
   */
  public addPrometheusScrapeAnnotations(scope: IConstruct, options: PrometheusScrapeAnnotationOptions = {}): void {
    _checkNotSynthesized(this, 'MeshObservability', 'addPrometheusScrapeAnnotations');
    _requireArg(this.subject, 'scope', scope, 'Give the construct (a chart, a Deployment) whose pod templates Prometheus should scrape.');
    const problems = new _Problems(this.subject);
    if (options.metricsPort !== undefined) {
      const fix = 'Give the port the application serves its metrics on, such as 9090; leave it out when it serves none.';
      _checkPort(problems, 'options.metricsPort', options.metricsPort, fix);
      problems.check(options.metricsPort !== 15020, 'options.metricsPort',
        'must be the application\'s metrics port, not istio-agent\'s 15020', options.metricsPort, fix);
    }
    if (options.metricsPath !== undefined) {
      problems.check(typeof options.metricsPath === 'string' && options.metricsPath.startsWith('/'), 'options.metricsPath',
        'must be a path starting with \'/\'', options.metricsPath, 'Use a path such as \'/metrics\'.');
      problems.check(options.metricsPort !== undefined, 'options.metricsPath', 'needs options.metricsPort: the path is on the application\'s port',
        options.metricsPath, 'Give metricsPort too.');
    }
    problems.throwIfAny();
    this.scrapeScopes.push({ scope, options });
  }

  private annotateWorkloads(): string[] {
    const done = new Set<kplus.Workload>();
    for (const { scope, options } of this.scrapeScopes) {
      for (const workload of scope.node.findAll().filter((c): c is kplus.Workload =>
        c instanceof kplus.Deployment || c instanceof kplus.StatefulSet || c instanceof kplus.DaemonSet)) {
        if (done.has(workload)) continue;
        done.add(workload);
        const pod = workload.podMetadata;
        if (pod.getLabel('sidecar.istio.io/inject') === 'false' || pod.getLabel(MeshLabels.DATAPLANE_MODE) === 'ambient') continue;
        // cdk8s 2.70's ApiObjectMetadataDefinition reads labels (getLabel) but has no reader for annotations.
        const annotations: { [key: string]: string } = pod.toJson().annotations ?? {};
        if (Object.keys(annotations).some((k) => k.startsWith('prometheus.io/'))) continue;
        if (annotations['sidecar.istio.io/inject'] === 'false') continue;
        workload.podMetadata.addAnnotation('prometheus.io/scrape', 'true');
        if (options.metricsPort !== undefined) {
          workload.podMetadata.addAnnotation('prometheus.io/port', String(options.metricsPort));
          workload.podMetadata.addAnnotation('prometheus.io/path', options.metricsPath ?? '/metrics');
        }
      }
    }
    return [];
  }
}

/** Options of `MeshObservability.addPrometheusScrapeAnnotations()`. */
export interface PrometheusScrapeAnnotationOptions {
  /**
   * The port the application serves its own Prometheus metrics on: written as `prometheus.io/port`,
   * which Istio's injector moves into istio-agent's merge configuration.
   *
   * @default - the application serves no metrics: only `prometheus.io/scrape: "true"` is written, and the merged endpoint serves Envoy's metrics
   * @see https://istio.io/latest/docs/ops/integrations/prometheus/#option-1-metrics-merging
   */
  readonly metricsPort?: number;

  /**
   * The path of the application's metrics on `metricsPort`.
   *
   * @default '/metrics'
   * @see https://istio.io/latest/docs/ops/integrations/prometheus/#option-1-metrics-merging
   */
  readonly metricsPath?: string;
}

/** Options of `MeshObservability.prometheusScrapeConfigs()`. */
export interface PrometheusScrapeOptions {
  /**
   * The control plane's namespace, where istiod's Service is.
   *
   * @default 'istio-system'
   * @see https://istio.io/latest/docs/ops/integrations/prometheus/
   */
  readonly istioNamespace?: string;

  /**
   * The control plane's revision: its Service is `istiod-<revision>`.
   *
   * @default - the default revision's Service, `istiod`
   * @see https://istio.io/latest/docs/setup/upgrade/canary/
   */
  readonly revision?: string;
}
