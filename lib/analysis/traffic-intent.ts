import { TraceOutcome, TraceRequest, TraceResult } from './trace/request';

/** Which call declared a traffic intent. */
export enum TrafficIntentKind {
  /** `MeshService.allowFrom()` or `ZeroTrustNamespace.allow()`: the caller reaches the service. */
  ALLOW = 'allow',
  /** `IngressGateway.expose*()`: a request entering the gateway reaches the backend. */
  EXPOSE = 'expose',
  /** `ZeroTrustNamespace` `externalHosts`, `EgressLockdown` external services: a pod of the namespace reaches the host. */
  EXTERNAL_HOST = 'external-host',
  /** `CanaryRelease`: requests reach the stable and canary versions with the step's weights. */
  CANARY = 'canary',
  /** `ZeroTrustNamespace` with its allow-nothing policy: a caller no rule names is denied. */
  UNLISTED = 'unlisted',
  /** `SynthAnalysis.expect()`: the user's own expectation. */
  EXPECTATION = 'expectation',
}

/**
 * A request-level expectation of the mesh, checked at synth: the request, traced through the app's
 * manifests, must end with `outcome`.
 *
 * @see https://istio.io/latest/docs/ops/diagnostic-tools/
 */
export interface TrafficExpectation extends TraceRequest {
  /** What the client must see. */
  readonly outcome: TraceOutcome;

  /**
   * What the expectation means, for the message when it fails.
   *
   * @default - the request itself
   */
  readonly description?: string;
}

/** A call the app's constructs declared (or the user expects), as the synth traces it. */
export interface TrafficIntent {
  /** Which call declared it. */
  readonly kind: TrafficIntentKind;
  /**
   * The source, as `MeshAnalysis.trace` takes it (`pod:<namespace>/<serviceaccount>`, `gateway:...`).
   *
   * @default - none: the call names no single caller (a pattern, any namespace); not traced on its own
   */
  readonly from?: string;
  /**
   * The URL as the client dials it.
   *
   * @default - decided at synth: one request per Service in front of the workloads the rule selects
   */
  readonly url?: string;
  /**
   * The HTTP method.
   *
   * @default 'GET'
   */
  readonly method?: string;
  /**
   * The outcome expected.
   *
   * @default - any outcome; when delivered, the backends must carry the declared weights
   */
  readonly outcome?: TraceOutcome;
  /** The path of the construct whose call declared it (`''` for the App). */
  readonly declaredBy: string;
  /**
   * The path of the construct called.
   *
   * @default - not a construct of the app (a host, an external service)
   */
  readonly callee?: string;
  /**
   * The path of the calling construct.
   *
   * @default - not a construct of the app (an identity, a namespace, a gateway)
   */
  readonly caller?: string;
  /** What the call means, in one line. */
  readonly description: string;
}

/** One traced request of an intent, and whether it did what the intent declared. */
export interface TrafficIntentCheck {
  /** The intent. */
  readonly intent: TrafficIntent;
  /** The request traced. */
  readonly request: TraceRequest;
  /** What the trace found. */
  readonly result: TraceResult;
  /** True when the outcome (and the split, for a canary) is what the intent declared. */
  readonly ok: boolean;
  /**
   * Why it failed: both constructs, the request, the outcome, the blocking object and the fix.
   *
   * @default - none: it passed
   */
  readonly message?: string;
}
