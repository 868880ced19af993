import { Duration } from 'cdk8s';
import { _Problems } from '../core/_errors';
import { _checkPort } from '../core/_port';
import { OutboundTrafficPolicyMode } from '../networking/sidecar';

/**
 * The installation profiles Istio 1.30 ships (`manifests/profiles/<name>.yaml`): the base settings an
 * IstioOperator customises.
 *
 * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
 */
export enum IstioProfile {
  /**
   * istiod and the `istio-ingressgateway`: Istio's recommendation for production.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
   */
  DEFAULT = 'default',
  /**
   * istiod only: no gateways.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
   */
  MINIMAL = 'minimal',
  /**
   * Everything, with access logs and extra tracing providers: for trying Istio, not for production.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
   */
  DEMO = 'demo',
  /**
   * The ambient data plane: istiod, the Istio CNI node agent and ztunnel, no ingress gateway.
   *
   * @see https://istio.io/latest/docs/ambient/install/
   */
  AMBIENT = 'ambient',
  /**
   * Nothing installed: a base for a fully custom configuration.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
   */
  EMPTY = 'empty',
  /**
   * A cluster whose control plane runs elsewhere (multicluster, external control plane).
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
   */
  REMOTE = 'remote',
  /**
   * The default profile plus experimental features.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
   */
  PREVIEW = 'preview',
}

/**
 * The encoding of Envoy's access log lines.
 *
 * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-AccessLogEncoding
 */
export enum AccessLogEncoding {
  /**
   * Plain text lines.
   *
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-AccessLogEncoding
   */
  TEXT = 'TEXT',
  /**
   * One JSON object per line.
   *
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-AccessLogEncoding
   */
  JSON = 'JSON',
}

/**
 * The proxy settings every workload gets unless its `proxy.istio.io/config` annotation overrides
 * them (`meshConfig.defaultConfig`).
 *
 * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#ProxyConfig
 */
export interface ProxyDefaults {
  /**
   * Percentage of requests traced when no sampling decision was made upstream, from 0 to 100
   * (`tracing.sampling`). A Telemetry's `randomSamplingPercentage` overrides it.
   *
   * @default - Istio's default: 1
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#Tracing
   */
  readonly tracingSampling?: number;

  /**
   * Start the application container only once the sidecar is ready, so that the application's first
   * outbound calls do not fail. Sidecars only: ambient workloads have no sidecar.
   *
   * @default - Istio's default: false
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#ProxyConfig
   */
  readonly holdApplicationUntilProxyStarts?: boolean;

  /**
   * Number of worker threads of each proxy; 0 uses one per CPU core.
   *
   * @default - Istio's default: 2
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#ProxyConfig
   */
  readonly concurrency?: number;

  /**
   * How long a terminating proxy keeps draining connections.
   *
   * @default - Istio's default: 5 seconds
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#ProxyConfig
   */
  readonly terminationDrainDuration?: Duration;

  /**
   * Environment variables of the proxies' istio-agent (`proxyMetadata`), such as
   * `ISTIO_META_DNS_CAPTURE: "true"`.
   *
   * @default - none
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#ProxyConfig
   */
  readonly proxyMetadata?: { [name: string]: string };
}

const KINDS = { ACCESS_LOG: 'access logging', TRACING: 'tracing', METRICS: 'metrics' };

/**
 * A telemetry backend declared in `meshConfig.extensionProviders`, which Telemetry resources name.
 * Istio always knows three: `envoy` (access logs to /dev/stdout), `prometheus` (metrics) and
 * `stackdriver`.
 *
 * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider
 */
export class ExtensionProvider {
  /**
   * The providers every Istio mesh declares without configuration, by name.
   *
   * @see https://istio.io/latest/docs/tasks/observability/telemetry/
   */
  public static readonly BUILT_IN_NAMES: string[] = ['envoy', 'prometheus', 'stackdriver'];

  /** The kinds of telemetry a provider serves, as `_kind` holds them. @internal */
  public static readonly _KINDS = KINDS;

  /**
   * Access logs written by Envoy to a file (`envoyFileAccessLog`), such as `/dev/stdout`.
   *
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider-EnvoyFileAccessLogProvider
   * @example ExtensionProvider.envoyFileAccessLog('json-stdout', { labels: { path: '%REQ(:PATH)%', code: '%RESPONSE_CODE%' } })
   */
  public static envoyFileAccessLog(name: string, options: EnvoyFileAccessLogOptions = {}): ExtensionProvider {
    const problems = new _Problems('ExtensionProvider.envoyFileAccessLog');
    checkName(problems, name);
    problems.check(!(options.text !== undefined && options.labels !== undefined), 'text', 'cannot be set together with labels: a log is text or JSON',
      options.text, 'Keep text for a text format, or labels for JSON lines.');
    problems.throwIfAny();
    const logFormat = options.text !== undefined ? { text: options.text }
      : options.labels !== undefined ? { labels: { ...options.labels } } : undefined;
    return new ExtensionProvider(name, KINDS.ACCESS_LOG, {
      envoyFileAccessLog: { path: options.path ?? '/dev/stdout', ...(logFormat ? { logFormat } : {}) },
    });
  }

  /**
   * Access logs sent to an OpenTelemetry collector over gRPC (`envoyOtelAls`).
   *
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider-EnvoyOpenTelemetryLogProvider
   * @example ExtensionProvider.openTelemetryAccessLog('otel', 'opentelemetry-collector.observability.svc.cluster.local', 4317)
   */
  public static openTelemetryAccessLog(name: string, service: string, port: number): ExtensionProvider {
    return ExtensionProvider.service('openTelemetryAccessLog', name, KINDS.ACCESS_LOG, 'envoyOtelAls', service, port);
  }

  /**
   * Traces sent to an OpenTelemetry collector over gRPC (`opentelemetry`).
   *
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider-OpenTelemetryTracingProvider
   * @example ExtensionProvider.openTelemetryTracing('otel-tracing', 'opentelemetry-collector.observability.svc.cluster.local', 4317)
   */
  public static openTelemetryTracing(name: string, service: string, port: number): ExtensionProvider {
    return ExtensionProvider.service('openTelemetryTracing', name, KINDS.TRACING, 'opentelemetry', service, port);
  }

  /**
   * Traces sent to a Zipkin-compatible collector (`zipkin`), such as Jaeger's or Zipkin's.
   *
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider-ZipkinTracingProvider
   * @example ExtensionProvider.zipkin('zipkin', 'zipkin.istio-system.svc.cluster.local', 9411)
   */
  public static zipkin(name: string, service: string, port: number): ExtensionProvider {
    return ExtensionProvider.service('zipkin', name, KINDS.TRACING, 'zipkin', service, port);
  }

  /**
   * Metrics exposed for Prometheus to scrape (`prometheus`), under another name than the built-in `prometheus`.
   *
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider-PrometheusMetricsProvider
   */
  public static prometheus(name: string): ExtensionProvider {
    const problems = new _Problems('ExtensionProvider.prometheus');
    checkName(problems, name);
    problems.throwIfAny();
    return new ExtensionProvider(name, KINDS.METRICS, { prometheus: {} });
  }

  private static service(factory: string, name: string, kind: string, field: string, service: string, port: number): ExtensionProvider {
    const problems = new _Problems(`ExtensionProvider.${factory}`);
    checkName(problems, name);
    problems.check(typeof service === 'string' && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[a-z0-9.-]+)?$/.test(service), 'service',
      'must be a host name, such as \'<service>.<namespace>.svc.cluster.local\'', service,
      'Give the collector Service\'s fully qualified name (or \'<namespace>/<host>\').');
    _checkPort(problems, 'port', port,
      'Give the collector\'s port, such as 4317 for OTLP over gRPC or 9411 for Zipkin.');
    problems.throwIfAny();
    return new ExtensionProvider(name, kind, { [field]: { service, port } });
  }

  private constructor(
    /**
     * The name Telemetry resources and `defaultProviders` refer to.
     *
     * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider
     */
    public readonly name: string,
    /** @internal */
    public readonly _kind: string,
    private readonly body: { [field: string]: unknown },
  ) {}

  /** @internal */
  public _toMeshConfig(): { [key: string]: unknown } {
    return JSON.parse(JSON.stringify({ name: this.name, ...this.body }));
  }
}

/** Options of `ExtensionProvider.envoyFileAccessLog()`. */
export interface EnvoyFileAccessLogOptions {
  /**
   * The file Envoy writes to.
   *
   * @default '/dev/stdout'
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider-EnvoyFileAccessLogProvider
   */
  readonly path?: string;

  /**
   * A text format of Envoy command operators, such as `[%START_TIME%] %REQ(:METHOD)% %RESPONSE_CODE%\n`.
   * Only one of text and labels.
   *
   * @default - Istio's default text format
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider-EnvoyFileAccessLogProvider-LogFormat
   */
  readonly text?: string;

  /**
   * JSON lines, by key: each value an Envoy command operator such as `%RESPONSE_CODE%`.
   * Only one of text and labels.
   *
   * @default - text lines
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider-EnvoyFileAccessLogProvider-LogFormat
   */
  readonly labels?: { [key: string]: string };
}

/**
 * The providers Telemetry resources use when they name none (`meshConfig.defaultProviders`).
 *
 * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-DefaultProviders
 */
export interface DefaultProviders {
  /**
   * Default tracing providers.
   *
   * @default - none: no traces unless a Telemetry names a provider
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-DefaultProviders
   */
  readonly tracing?: string[];

  /**
   * Default metrics providers.
   *
   * @default - Istio's default: prometheus
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-DefaultProviders
   */
  readonly metrics?: string[];

  /**
   * Default access logging providers.
   *
   * @default - none: access logs only through accessLogFile or a Telemetry
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-DefaultProviders
   */
  readonly accessLogging?: string[];
}

/**
 * Mesh-wide settings of the control plane (`meshConfig`). Every field left out keeps Istio's
 * default (and renders nothing).
 *
 * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/
 */
export interface MeshConfigOptions {
  /**
   * The file every proxy writes its access log to, such as `/dev/stdout`.
   *
   * @default - Istio's default: no access log (the demo profile logs to /dev/stdout)
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  readonly accessLogFile?: string;

  /**
   * The encoding of the access log.
   *
   * @default - Istio's default: AccessLogEncoding.TEXT
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  readonly accessLogEncoding?: AccessLogEncoding;

  /**
   * The format of the access log, of Envoy command operators.
   *
   * @default - Istio's default format
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  readonly accessLogFormat?: string;

  /**
   * What happens to traffic for hosts the mesh's registry does not know: `REGISTRY_ONLY` blocks it.
   *
   * @default - Istio's default: OutboundTrafficPolicyMode.ALLOW_ANY
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-OutboundTrafficPolicy
   */
  readonly outboundTrafficPolicy?: OutboundTrafficPolicyMode;

  /**
   * Turn tracing on in the proxies.
   *
   * @default - Istio's default: true
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  readonly enableTracing?: boolean;

  /**
   * The default proxy settings (`defaultConfig`).
   *
   * @default - Istio's defaults
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#ProxyConfig
   */
  readonly defaultConfig?: ProxyDefaults;

  /**
   * The trust domain of the mesh's identities (the SPIFFE URIs' first part). Identities built with
   * `Identity` must use the same.
   *
   * @default - Istio's default: 'cluster.local'
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  readonly trustDomain?: string;

  /**
   * Let clients send mTLS to servers that have a sidecar, without a DestinationRule saying so.
   *
   * @default - Istio's default: true
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  readonly enableAutoMtls?: boolean;

  /**
   * Istio's root namespace: its policies (PeerAuthentication, Telemetry, Sidecar) apply to the mesh.
   *
   * @default - Istio's default: the control plane's namespace
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig
   */
  readonly rootNamespace?: string;

  /**
   * Add the `prometheus.io` scrape annotations to injected pods and merge the application's metrics
   * with Envoy's on port 15020 (`enablePrometheusMerge`).
   *
   * @default - Istio's default: true
   * @see https://istio.io/latest/docs/ops/integrations/prometheus/#option-1-metrics-merging
   */
  readonly enablePrometheusMerge?: boolean;

  /**
   * Telemetry backends Telemetry resources may name, besides the built-in `envoy`, `prometheus`
   * and `stackdriver`.
   *
   * @default - only the built-in providers
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider
   */
  readonly extensionProviders?: ExtensionProvider[];

  /**
   * The providers used when a Telemetry names none.
   *
   * @default - Istio's defaults
   * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-DefaultProviders
   */
  readonly defaultProviders?: DefaultProviders;
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function checkName(problems: _Problems, name: string): void {
  problems.check(typeof name === 'string' && NAME.test(name), 'name', 'must be a provider name (letters, digits, \'-\', \'_\', \'.\')', name,
    'Give a name such as \'otel-tracing\', which Telemetry resources then refer to.');
  problems.check(!ExtensionProvider.BUILT_IN_NAMES.includes(name), 'name', 'must not be the name of a built-in provider', name,
    `Choose another name: ${ExtensionProvider.BUILT_IN_NAMES.join(', ')} are always declared.`);
}
