/**
 * The data plane that carries a workload's traffic: an Envoy sidecar in each pod, or ambient mode's
 * per-node ztunnel (L4) plus waypoint proxies (L7).
 *
 * @see https://istio.io/latest/docs/overview/dataplane-modes/
 */
export enum DataPlaneMode {
  /**
   * An Envoy sidecar injected into every pod: L4 and L7 in the pod itself. Policies select pods
   * with `selector`; Sidecar resources scope egress.
   */
  SIDECAR = 'sidecar',
  /**
   * Ambient mode (`istio.io/dataplane-mode: ambient`): ztunnel carries L4 (mTLS, L4 authorization);
   * a waypoint proxy carries L7 (HTTP routing, retries, L7 authorization) for the services that use
   * it. L7 policies attach to the waypoint or the Service with `targetRefs`; Sidecar resources do not
   * apply.
   *
   * @see https://istio.io/latest/docs/ambient/overview/
   */
  AMBIENT = 'ambient',
}

/**
 * The API a pattern routes traffic with.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/
 */
export enum RoutingApi {
  /** Istio's own API: VirtualService and DestinationRule subsets. */
  ISTIO = 'ISTIO',
  /**
   * The Kubernetes Gateway API: an HTTPRoute whose parent is the Service (GAMMA) and whose weighted
   * backends are Services, one per version (the Gateway API splits traffic between Services, not
   * subsets).
   *
   * @see https://gateway-api.sigs.k8s.io/mesh/
   */
  GATEWAY_API = 'GATEWAY_API',
}
