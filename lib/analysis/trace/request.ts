/**
 * The request-level model's public types: what a trace is asked and what it answers.
 * The model itself reads manifests only, like the analysis (docs/traffic.md).
 */

/** What the client of a traced request sees, in the words of docs/traffic.md. */
export enum TraceOutcome {
  /** The request reaches a backend workload and its policies allow it. */
  DELIVERED = 'delivered',
  /** An AuthorizationPolicy (or allow-nothing) rejects it: HTTP 403, or a reset connection for TCP. */
  DENIED = 'denied',
  /**
   * The connection is reset: the client's TLS does not match what the server accepts (plaintext to STRICT mTLS,
   * mTLS to a pod without proxy), or no gateway listener takes the port or the scheme.
   */
  RESET = 'reset',
  /** The caller's proxy drops it: the host is not in its registry scope under REGISTRY_ONLY (502 for HTTP). */
  BLACKHOLED = 'blackholed',
  /** The caller's proxy forwards it untouched to an unknown host under ALLOW_ANY (no mesh routing or mTLS). */
  PASSTHROUGH = 'passthrough',
  /** A route answers with a redirect (301 by default). */
  REDIRECTED = 'redirected',
  /** No route matches: 404 at a gateway or from a VirtualService or HTTPRoute with no matching rule (500 for an HTTPRoute rule without valid backend). */
  NO_ROUTE = 'no-route',
  /** A fault-injection abort answers instead of the backend. */
  ABORTED = 'aborted',
  /** A direct response answers instead of the backend. */
  DIRECT_RESPONSE = 'direct-response',
  /**
   * The route names a backend with nothing behind it: a host the registry does not know, a subset no
   * DestinationRule defines, a Service port that does not exist, or a Service that selects no pod (503).
   */
  UNAVAILABLE = 'unavailable',
}

/** A request to trace through the mesh. */
export interface TraceRequest {
  /**
   * Who sends the request:
   * `pod:<namespace>/<serviceaccount>[?label=value&...]` (a workload with an Istio proxy, sidecar or ambient),
   * `plain:<namespace>` (a client without a proxy: plaintext, no identity), or
   * `gateway:<namespace>/<serviceaccount>?<selector labels>` (a request from outside arriving at that gateway).
   */
  readonly from: string;

  /** The URL as the client dials it: `http(s)://host[:port]/path`. */
  readonly url: string;

  /**
   * The HTTP method.
   * @default 'GET'
   */
  readonly method?: string;

  /**
   * Request headers, by name (names compare case-insensitively).
   * @default - no headers beyond those the URL implies
   */
  readonly headers?: { [name: string]: string };
}

/** Options of a trace. */
export interface TraceOptions {
  /**
   * Istio mesh config (the `meshConfig` of the install): outboundTrafficPolicy, trust domain, root namespace.
   * @default - Istio's defaults (ALLOW_ANY, cluster.local, istio-system)
   */
  readonly meshConfig?: any;

  /**
   * Namespace of objects whose manifest declares none.
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/** One backend the request reaches, with its share of requests. */
export interface TraceBackend {
  /** The destination host, as an FQDN. */
  readonly host: string;
  /**
   * The DestinationRule subset.
   * @default - no subset: every endpoint of the host
   */
  readonly subset?: string;
  /** The percent of requests that go to this backend (0 to 100). */
  readonly weight: number;
}

/** One decision along the request's path. */
export interface TraceStep {
  /** The stage: `source`, `sidecar-scope`, `resolve`, `gateway`, `route`, `destination-rule`, `mtls`, `authz`, `waypoint`, ... */
  readonly step: string;
  /** What was decided, in one sentence. */
  readonly decision: string;
  /**
   * The object that decided it: `<Kind> <namespace>/<name>`.
   * @default - no object: Istio's own default decided
   */
  readonly by?: string;
  /**
   * The backend host a `destination` step found unavailable (no endpoint, no such port, or no Service or
   * ServiceEntry the caller sees), as the route names it.
   * @default - the step finds no backend host unavailable
   */
  readonly host?: string;
}

/** What a traced request does. */
export interface TraceResult {
  /** What the client sees. */
  readonly outcome: TraceOutcome;
  /**
   * The HTTP status the client sees.
   * @default - none: the connection is reset, or the request is delivered and the backend answers
   */
  readonly status?: number;
  /** The backends the request reaches, with their share of requests (empty unless delivered or passthrough). */
  readonly backends: TraceBackend[];
  /** Each decision, in the order the proxies make them. */
  readonly steps: TraceStep[];
}
