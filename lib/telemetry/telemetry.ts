import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as L1 from '../../imports/telemetry.istio.io';
import { _compact, _snapshot } from '../core/_compact';
import { _renderDuration } from '../core/_duration';
import { _constructSubject, _didYouMean, _Problems, _requireProps } from '../core/_errors';
import { _telemetryL1 } from '../core/_l1';
import { _checkPercentage } from '../core/_numbers';
import { _checkPolicyTarget, _renderPolicyTarget } from '../core/_policy-target';
import { _checkNotSynthesized } from '../core/_synth';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { PolicyTargetRef, WorkloadSelector } from '../core/selector';

/**
 * The traffic direction, relative to the proxied workload, a telemetry setting applies to.
 *
 * @see https://istio.io/latest/docs/reference/config/telemetry/#WorkloadMode
 */
export enum WorkloadMode {
  /**
   * Both outbound (client) and inbound (server) traffic.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#WorkloadMode
   */
  CLIENT_AND_SERVER = 'CLIENT_AND_SERVER',
  /**
   * Outbound traffic: the workload is the client.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#WorkloadMode
   */
  CLIENT = 'CLIENT',
  /**
   * Inbound traffic: the workload is the server.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#WorkloadMode
   */
  SERVER = 'SERVER',
}

/**
 * Istio's standard metrics.
 *
 * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
 * @see https://istio.io/latest/docs/reference/config/metrics/
 */
export enum IstioMetric {
  /**
   * Every Istio metric.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  ALL_METRICS = 'ALL_METRICS',
  /**
   * `istio_requests_total`.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  REQUEST_COUNT = 'REQUEST_COUNT',
  /**
   * `istio_request_duration_milliseconds`.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  REQUEST_DURATION = 'REQUEST_DURATION',
  /**
   * `istio_request_bytes`.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  REQUEST_SIZE = 'REQUEST_SIZE',
  /**
   * `istio_response_bytes`.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  RESPONSE_SIZE = 'RESPONSE_SIZE',
  /**
   * `istio_tcp_connections_opened_total`.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  TCP_OPENED_CONNECTIONS = 'TCP_OPENED_CONNECTIONS',
  /**
   * `istio_tcp_connections_closed_total`.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  TCP_CLOSED_CONNECTIONS = 'TCP_CLOSED_CONNECTIONS',
  /**
   * `istio_tcp_sent_bytes_total`.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  TCP_SENT_BYTES = 'TCP_SENT_BYTES',
  /**
   * `istio_tcp_received_bytes_total`.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  TCP_RECEIVED_BYTES = 'TCP_RECEIVED_BYTES',
  /**
   * `istio_request_messages_total` (gRPC).
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  GRPC_REQUEST_MESSAGES = 'GRPC_REQUEST_MESSAGES',
  /**
   * `istio_response_messages_total` (gRPC).
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricSelector-IstioMetric
   */
  GRPC_RESPONSE_MESSAGES = 'GRPC_RESPONSE_MESSAGES',
}

/**
 * A tag added to every span, from a literal, an environment variable, a request header or an
 * access log formatter.
 *
 * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing-CustomTag
 */
export class TracingTag {
  /**
   * The same value on every span.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing-CustomTag
   */
  public static literal(value: string): TracingTag {
    TracingTag.check('TracingTag.literal', 'value', value);
    return new TracingTag({ literal: { value } });
  }

  /**
   * The value of an environment variable of the proxy.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing-CustomTag
   */
  public static environment(name: string, defaultValue?: string): TracingTag {
    TracingTag.check('TracingTag.environment', 'name', name);
    return new TracingTag({ environment: { name, ...(defaultValue !== undefined ? { defaultValue } : {}) } });
  }

  /**
   * The value of a request header.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing-CustomTag
   */
  public static header(name: string, defaultValue?: string): TracingTag {
    TracingTag.check('TracingTag.header', 'name', name);
    return new TracingTag({ header: { name, ...(defaultValue !== undefined ? { defaultValue } : {}) } });
  }

  /**
   * The value of an access log formatter, such as `%REQUEST_DURATION%`.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing-CustomTag
   */
  public static formatter(value: string): TracingTag {
    TracingTag.check('TracingTag.formatter', 'value', value);
    return new TracingTag({ formatter: { value } });
  }

  private static check(subject: string, prop: string, value: string): void {
    if (typeof value !== 'string' || value.length === 0) {
      new _Problems(subject).add(prop, 'must not be empty', value, 'Give a value; Istio rejects empty ones.').throwIfAny();
    }
  }

  private constructor(private readonly spec: L1.TelemetrySpecTracingCustomTags) {}

  /** @internal */
  public _toIstio(): L1.TelemetrySpecTracingCustomTags {
    return JSON.parse(JSON.stringify(this.spec));
  }
}

/**
 * What happens to one tag (label) of a metric.
 *
 * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricsOverrides-TagOverride
 */
export class TagOverride {
  /**
   * Adds the tag, or replaces its value, with a CEL expression such as `request.host`.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricsOverrides-TagOverride
   */
  public static upsert(value: string): TagOverride {
    if (typeof value !== 'string' || value.length === 0) {
      new _Problems('TagOverride.upsert').add('value', 'must not be empty: Istio requires a value when the operation is UPSERT', value,
        'Give a CEL expression such as \'request.host\', or use TagOverride.remove().').throwIfAny();
    }
    return new TagOverride('UPSERT', value);
  }

  /**
   * Removes the tag from the metric.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricsOverrides-TagOverride
   */
  public static remove(): TagOverride {
    return new TagOverride('REMOVE');
  }

  private constructor(private readonly operation: string, private readonly value?: string) {}

  /** @internal */
  public _toIstio(): L1.TelemetrySpecMetricsOverridesTagOverrides {
    return {
      operation: this.operation as L1.TelemetrySpecMetricsOverridesTagOverridesOperation,
      ...(this.value !== undefined ? { value: this.value } : {}),
    };
  }
}

/**
 * Access logging for the selected workloads.
 *
 * @see https://istio.io/latest/docs/reference/config/telemetry/#AccessLogging
 */
export interface AccessLogging {
  /**
   * Names of the logging providers (from `meshConfig.extensionProviders`, or `envoy`).
   *
   * @default - the mesh's default access log providers
   * @see https://istio.io/latest/docs/reference/config/telemetry/#AccessLogging
   */
  readonly providers?: string[];

  /**
   * A CEL expression selecting the requests or connections to log, such as `response.code >= 400`.
   *
   * @default - every request is logged
   * @see https://istio.io/latest/docs/reference/config/telemetry/#AccessLogging
   */
  readonly filter?: string;

  /**
   * Turns logging off for these providers.
   *
   * @default - not rendered: logging stays on
   * @see https://istio.io/latest/docs/reference/config/telemetry/#AccessLogging
   */
  readonly disabled?: boolean;

  /**
   * The traffic direction this applies to.
   *
   * @default - not rendered: Istio's default, CLIENT_AND_SERVER
   * @see https://istio.io/latest/docs/reference/config/telemetry/#AccessLogging
   */
  readonly mode?: WorkloadMode;
}

/**
 * Tracing for the selected workloads.
 *
 * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
 */
export interface Tracing {
  /**
   * Names of the tracing providers (from `meshConfig.extensionProviders`).
   *
   * @default - the mesh's default tracing provider
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly providers?: string[];

  /**
   * Percentage of requests sampled when no sampling decision was made upstream, from 0 to 100.
   *
   * @default - the mesh's default (meshConfig.defaultConfig.tracing.sampling, 1% out of the box)
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly randomSamplingPercentage?: number;

  /**
   * Tags added to every span, by tag name.
   *
   * @default - no custom tags
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly customTags?: { [name: string]: TracingTag };

  /**
   * Stops reporting spans, while trace context is still propagated.
   *
   * @default - not rendered: spans are reported
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly disableSpanReporting?: boolean;

  /**
   * Bases the sampling decision on the request id header.
   *
   * @default - not rendered: Istio's default, true
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly useRequestIdForTraceSampling?: boolean;

  /**
   * Adds Istio's own tags to the spans.
   *
   * @default - not rendered: Istio's default, true
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly enableIstioTags?: boolean;

  /**
   * Stops propagating trace context headers in forwarded requests.
   *
   * @default - not rendered: trace context is propagated
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly disableContextPropagation?: boolean;

  /**
   * The traffic direction this applies to.
   *
   * @default - not rendered: Istio's default, CLIENT_AND_SERVER
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly mode?: WorkloadMode;
}

/**
 * A change to the metrics a provider generates.
 *
 * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricsOverrides
 */
export interface MetricsOverride {
  /**
   * The standard metric this override applies to. Only one of metric and customMetric.
   *
   * @default - every metric (ALL_METRICS), unless customMetric is set
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricsOverrides
   */
  readonly metric?: IstioMetric;

  /**
   * A metric by its own name, for metrics that are not standard. Only one of metric and customMetric.
   *
   * @default - a standard metric, per `metric`
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricsOverrides
   */
  readonly customMetric?: string;

  /**
   * The traffic direction this override applies to.
   *
   * @default - not rendered: Istio's default, CLIENT_AND_SERVER
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricsOverrides
   */
  readonly mode?: WorkloadMode;

  /**
   * Turns the matched metrics off.
   *
   * @default - not rendered: the metrics stay on
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricsOverrides
   */
  readonly disabled?: boolean;

  /**
   * Tags to add, change or remove, by tag name.
   *
   * @default - the tags stay as they are
   * @see https://istio.io/latest/docs/reference/config/telemetry/#MetricsOverrides
   */
  readonly tagOverrides?: { [tag: string]: TagOverride };
}

/**
 * Metrics for the selected workloads.
 *
 * @see https://istio.io/latest/docs/reference/config/telemetry/#Metrics
 */
export interface Metrics {
  /**
   * Names of the metrics providers (such as `prometheus`).
   *
   * @default - the mesh's default metrics providers
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Metrics
   */
  readonly providers?: string[];

  /**
   * Changes to the generated metrics, applied in order.
   *
   * @default - no overrides
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Metrics
   */
  readonly overrides?: MetricsOverride[];

  /**
   * How often metrics are reported, for providers that push them.
   *
   * @default - Istio's own default: 5 seconds (15 seconds for Stackdriver)
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Metrics
   */
  readonly reportingInterval?: Duration;
}

/** Props of a Telemetry. */
export interface TelemetryProps extends MeshResourceProps {
  /**
   * Access logging settings; add more with `addAccessLogging()`.
   *
   * @default - the mesh's access logging applies
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly accessLogging?: AccessLogging[];

  /**
   * Tracing settings; add more with `addTracing()`.
   *
   * @default - the mesh's tracing applies
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly tracing?: Tracing[];

  /**
   * Metrics settings; add more with `addMetrics()`.
   *
   * @default - the mesh's metrics apply
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly metrics?: Metrics[];

  /**
   * The workloads the configuration applies to, rendered as `selector.matchLabels`.
   *
   * @default - every workload of the namespace (of the mesh, in Istio's root namespace), unless targetRefs is set
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly selector?: WorkloadSelector;

  /**
   * The resources the configuration attaches to (a Gateway, a Service for a waypoint ...), instead of a selector.
   *
   * @default - none: the configuration applies by selector or to the whole namespace
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly targetRefs?: PolicyTargetRef[];
}

/**
 * A Telemetry: how the selected workloads generate metrics, traces and access logs. A Telemetry in
 * Istio's root namespace applies to the mesh; one without a selector to its namespace.
 *
 * @see https://istio.io/latest/docs/reference/config/telemetry/
 * @example
 * new Telemetry(chart, 'mesh-logging', { accessLogging: [{ providers: ['otel'] }] });
 */
export class Telemetry extends MeshResource {
  /**
   * The `telemetry.istio.io/v1` Telemetry this construct renders into.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  public readonly apiObject: ApiObject;

  private readonly subject: string;
  private readonly selector?: WorkloadSelector;
  private readonly targetRefs?: PolicyTargetRef[];
  private readonly accessLogging: AccessLogging[] = [];
  private readonly tracing: Tracing[] = [];
  private readonly metrics: Metrics[] = [];

  constructor(scope: Construct, id: string, props: TelemetryProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('Telemetry', scope, id);
    _requireProps(this.subject, props, {});
    this.selector = props.selector;
    this.targetRefs = props.targetRefs ? [...props.targetRefs] : undefined;

    const problems = new _Problems(this.subject);
    _checkPolicyTarget(problems, props.selector, props.targetRefs);
    (props.accessLogging ?? []).forEach((a, i) => checkAccessLogging(problems, `accessLogging[${i}]`, a));
    (props.tracing ?? []).forEach((t, i) => checkTracing(problems, `tracing[${i}]`, t));
    (props.metrics ?? []).forEach((m, i) => checkMetrics(problems, `metrics[${i}]`, m));
    problems.throwIfAny();
    this.accessLogging.push(...(props.accessLogging ?? []).map((x) => _snapshot(x)));
    this.tracing.push(...(props.tracing ?? []).map((x) => _snapshot(x)));
    this.metrics.push(...(props.metrics ?? []).map((x) => _snapshot(x)));

    this.apiObject = new (_telemetryL1().Telemetry)(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });

    this.node.addValidation({
      validate: () => this.accessLogging.length + this.tracing.length + this.metrics.length > 0 ? [] : new _Problems(this.subject)
        .add('accessLogging, tracing, metrics', 'are all empty, so this Telemetry changes nothing', [],
          'Add settings with addAccessLogging(), addTracing() or addMetrics(), or remove the Telemetry.')
        .messages(),
    });
  }

  /**
   * Adds access logging settings.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#AccessLogging
   * @example telemetry.addAccessLogging({ providers: ['envoy'], filter: 'response.code >= 400' })
   */
  public addAccessLogging(accessLogging: AccessLogging): void {
    _checkNotSynthesized(this, 'Telemetry', 'addAccessLogging');
    _requireProps(this.subject, accessLogging, {}, 'accessLogging', 'Pass the access logging settings, such as { providers: [\'envoy\'] }.');
    const problems = new _Problems(this.subject);
    checkAccessLogging(problems, `accessLogging[${this.accessLogging.length}]`, accessLogging);
    problems.throwIfAny();
    this.accessLogging.push(_snapshot(accessLogging));
  }

  /**
   * Adds tracing settings.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   * @example telemetry.addTracing({ providers: ['zipkin'], randomSamplingPercentage: 10 })
   */
  public addTracing(tracing: Tracing): void {
    _checkNotSynthesized(this, 'Telemetry', 'addTracing');
    _requireProps(this.subject, tracing, {}, 'tracing', 'Pass the tracing settings, such as { randomSamplingPercentage: 10 }.');
    const problems = new _Problems(this.subject);
    checkTracing(problems, `tracing[${this.tracing.length}]`, tracing);
    problems.throwIfAny();
    this.tracing.push(_snapshot(tracing));
  }

  /**
   * Adds metrics settings.
   *
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Metrics
   * @example telemetry.addMetrics({ providers: ['prometheus'], overrides: [{ metric: IstioMetric.REQUEST_COUNT, disabled: true }] })
   */
  public addMetrics(metrics: Metrics): void {
    _checkNotSynthesized(this, 'Telemetry', 'addMetrics');
    _requireProps(this.subject, metrics, {}, 'metrics', 'Pass the metrics settings, such as { providers: [\'prometheus\'] }.');
    const problems = new _Problems(this.subject);
    checkMetrics(problems, `metrics[${this.metrics.length}]`, metrics);
    problems.throwIfAny();
    this.metrics.push(_snapshot(metrics));
  }

  /** @internal */
  public _toKube(): L1.TelemetrySpec {
    return {
      ..._renderPolicyTarget(this.selector, this.targetRefs),
      ...(this.accessLogging.length > 0 ? { accessLogging: this.accessLogging.map(renderAccessLogging) } : {}),
      ...(this.tracing.length > 0 ? { tracing: this.tracing.map(renderTracing) } : {}),
      ...(this.metrics.length > 0 ? { metrics: this.metrics.map((m, i) => this.renderMetrics(m, i)) } : {}),
    };
  }

  private renderMetrics(metrics: Metrics, index: number): L1.TelemetrySpecMetrics {
    return _compact({
      providers: renderProviders(metrics.providers),
      overrides: metrics.overrides && metrics.overrides.length > 0 ? metrics.overrides.map(renderOverride) : undefined,
      reportingInterval: metrics.reportingInterval
        ? _renderDuration(metrics.reportingInterval, this.subject, `metrics[${index}].reportingInterval`)
        : undefined,
    });
  }
}

const MODES = Object.values(WorkloadMode) as string[];
const METRICS = Object.values(IstioMetric) as string[];


function renderProviders(providers: string[] | undefined): Array<{ name: string }> | undefined {
  return providers && providers.length > 0 ? providers.map((name) => ({ name })) : undefined;
}

function renderAccessLogging(a: AccessLogging): L1.TelemetrySpecAccessLogging {
  return _compact({
    providers: renderProviders(a.providers),
    filter: a.filter !== undefined ? { expression: a.filter } : undefined,
    disabled: a.disabled,
    match: a.mode ? { mode: a.mode as string as L1.TelemetrySpecAccessLoggingMatchMode } : undefined,
  });
}

function renderTracing(t: Tracing): L1.TelemetrySpecTracing {
  const tags = Object.entries(t.customTags ?? {});
  return _compact({
    providers: renderProviders(t.providers),
    randomSamplingPercentage: t.randomSamplingPercentage,
    customTags: tags.length > 0 ? Object.fromEntries(tags.map(([name, tag]) => [name, tag._toIstio()])) : undefined,
    disableSpanReporting: t.disableSpanReporting,
    useRequestIdForTraceSampling: t.useRequestIdForTraceSampling,
    enableIstioTags: t.enableIstioTags,
    disableContextPropagation: t.disableContextPropagation,
    match: t.mode ? { mode: t.mode as string as L1.TelemetrySpecTracingMatchMode } : undefined,
  });
}

function renderOverride(o: MetricsOverride): L1.TelemetrySpecMetricsOverrides {
  const match = _compact({
    metric: o.metric as string as L1.TelemetrySpecMetricsOverridesMatchMetric | undefined,
    customMetric: o.customMetric,
    mode: o.mode as string as L1.TelemetrySpecMetricsOverridesMatchMode | undefined,
  });
  const tags = Object.entries(o.tagOverrides ?? {});
  return _compact({
    match: Object.keys(match).length > 0 ? match : undefined,
    disabled: o.disabled,
    tagOverrides: tags.length > 0 ? Object.fromEntries(tags.map(([name, tag]) => [name, tag._toIstio()])) : undefined,
  });
}

function checkProviders(problems: _Problems, prop: string, providers: string[] | undefined): void {
  (providers ?? []).forEach((p, i) => problems.check(typeof p === 'string' && p.length > 0, `${prop}.providers[${i}]`, 'must name a provider', p,
    'Give the name of a provider from meshConfig.extensionProviders, or leave providers out for the mesh default.'));
}

function checkMode(problems: _Problems, prop: string, mode: WorkloadMode | undefined): void {
  problems.check(mode === undefined || MODES.includes(mode), prop, `must be one of ${MODES.join(', ')}`, mode,
    `Use a member of WorkloadMode.${_didYouMean(String(mode), MODES)}`);
}

function checkAccessLogging(problems: _Problems, prop: string, a: AccessLogging): void {
  checkProviders(problems, prop, a.providers);
  checkMode(problems, `${prop}.mode`, a.mode);
  problems.check(a.filter === undefined || a.filter.trim().length > 0, `${prop}.filter`, 'must be a CEL expression', a.filter,
    'Give an expression such as \'response.code >= 400\', or leave the filter out to log every request.');
}

function checkTracing(problems: _Problems, prop: string, t: Tracing): void {
  checkProviders(problems, prop, t.providers);
  checkMode(problems, `${prop}.mode`, t.mode);
  const p = t.randomSamplingPercentage;
  _checkPercentage(problems, `${prop}.randomSamplingPercentage`, p);
  for (const [name, tag] of Object.entries(t.customTags ?? {})) {
    problems.check(name.length > 0, `${prop}.customTags`, 'must not have an empty tag name', name, 'Name each tag.');
    problems.check(tag instanceof TracingTag, `${prop}.customTags.${name}`, 'must be a TracingTag', tag,
      'Use TracingTag.literal(), TracingTag.environment() or TracingTag.header().');
  }
}

function checkMetrics(problems: _Problems, prop: string, m: Metrics): void {
  checkProviders(problems, prop, m.providers);
  (m.overrides ?? []).forEach((o, i) => {
    const at = `${prop}.overrides[${i}]`;
    problems.check(o.metric === undefined || METRICS.includes(o.metric), `${at}.metric`, 'must be one of Istio\'s standard metrics', o.metric,
      `Use a member of IstioMetric, or customMetric for a metric of your own.${_didYouMean(String(o.metric), METRICS)}`);
    problems.check(!(o.metric !== undefined && o.customMetric !== undefined), `${at}.customMetric`, 'cannot be set together with metric: Istio accepts only one',
      o.customMetric, 'Keep metric for a standard metric, or customMetric for another one.');
    problems.check(o.customMetric === undefined || o.customMetric.length > 0, `${at}.customMetric`, 'must not be empty', o.customMetric,
      'Give the metric name, or leave customMetric out.');
    checkMode(problems, `${at}.mode`, o.mode);
    for (const [name, tag] of Object.entries(o.tagOverrides ?? {})) {
      problems.check(tag instanceof TagOverride, `${at}.tagOverrides.${name}`, 'must be a TagOverride', tag,
        'Use TagOverride.upsert(\'<CEL expression>\') or TagOverride.remove().');
    }
  });
}
