import { Duration } from 'cdk8s';
import { HttpMatch } from '../networking/http-match';
import { HttpRewrite } from '../networking/http-route';
import { RetryPolicy } from '../networking/retry';

/** What every `expose*()` call takes: the hosts, the requests and the route's settings. */
export interface IngressExposeOptions {
  /**
   * The hosts (`Host` header / SNI) the route applies to; each must be served by an HTTP or
   * terminating HTTPS server of the gateway.
   *
   * @default - every host the gateway's HTTP and terminating HTTPS servers serve
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
   */
  readonly hosts?: string[];

  /**
   * The requests the route takes, such as `HttpMatch.prefix('/api')`; any of them.
   *
   * @default - every request for the hosts
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
   */
  readonly match?: HttpMatch[];

  /**
   * The VirtualService (with `RoutingApi.GATEWAY_API`, the HTTPRoute) the route goes into. Routes
   * for the same hosts share one VirtualService, evaluated in the order they were exposed (an
   * HTTPRoute orders its rules by how specific their matches are).
   *
   * @default - the Gateway's name for the first set of hosts, `<name>-2`, `<name>-3` ... for others
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
   */
  readonly virtualServiceName?: string;

  /**
   * A name for the route, shown in access logs.
   *
   * @default - unnamed
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  readonly routeName?: string;

  /**
   * The timeout of requests on the route.
   *
   * @default - Istio's own default: no timeout
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  readonly timeout?: Duration;

  /**
   * Retries of requests on the route, at the gateway. Not with `RoutingApi.GATEWAY_API` (the
   * standard-channel HTTPRoute has no retries).
   *
   * @default - Istio's own default: 2 attempts on connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
   */
  readonly retries?: RetryPolicy;

  /**
   * A rewrite of the path or authority before forwarding. With `RoutingApi.GATEWAY_API`, a URLRewrite
   * filter: the path rewrite needs one prefix match or exact matches only.
   *
   * @default - no rewrite
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRewrite
   */
  readonly rewrite?: HttpRewrite;
}

/** Options of `exposeService()`. */
export interface IngressServiceOptions extends IngressExposeOptions {
  /**
   * The Service port to send requests to.
   *
   * @default - the Service's only port; required when it has several
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination
   */
  readonly port?: number;
}

/** Options of `exposeMeshService()`. */
export interface IngressMeshServiceOptions extends IngressServiceOptions {
  /**
   * Carry the MeshService's traffic split (its VirtualService's subsets and weights for the port)
   * into the gateway's route, as it stands at synth: so a canary step applies to requests entering
   * through the gateway too. The gateway's Envoy applies only the VirtualServices bound to the
   * gateway, never the service's own mesh VirtualService.
   *
   * `false` routes to the Service without a subset: requests are spread over the pods of every
   * version, in proportion to their number, whatever the split says.
   *
   * The split is carried across routing APIs where it can be: a MeshService routed with
   * `RoutingApi.GATEWAY_API` is split over its version Services `<name>-<version>` (as weighted
   * destinations of the VirtualService, or backends of the HTTPRoute). A MeshService routed with
   * `RoutingApi.ISTIO` behind a `RoutingApi.GATEWAY_API` gateway has only subsets, which the Gateway
   * API cannot name: with more than one version that fails at synth unless this is `false`.
   *
   * @default true
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
   */
  readonly followTrafficSplit?: boolean;
}
