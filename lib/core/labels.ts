/**
 * The label conventions Istio's telemetry, Kiali and our patterns rely on.
 *
 * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
 */
export class MeshLabels {
  /** `app`: the application a pod belongs to; Services select on it. */
  public static readonly APP = 'app';

  /** `version`: the version of the application; DestinationRule subsets select on it. */
  public static readonly VERSION = 'version';

  /** `istio-injection`: set to `enabled` on a namespace for automatic sidecar injection. */
  public static readonly INJECTION = 'istio-injection';

  /** `istio.io/rev`: the control plane revision a namespace's sidecars are injected from. */
  public static readonly REVISION = 'istio.io/rev';

  /** `istio.io/dataplane-mode`: set to `ambient` on a namespace to enrol it in the ambient data plane. */
  public static readonly DATAPLANE_MODE = 'istio.io/dataplane-mode';

  /**
   * `istio.io/use-waypoint`: set on a namespace, Service or pod to the name of the waypoint that
   * carries its L7 traffic in ambient mode.
   *
   * @see https://istio.io/latest/docs/ambient/usage/waypoint/#useawaypoint
   */
  public static readonly USE_WAYPOINT = 'istio.io/use-waypoint';

  /**
   * `istio.io/waypoint-for`: set on a waypoint Gateway to the traffic it handles (`service`,
   * `workload`, `all`, `none`).
   *
   * @see https://istio.io/latest/docs/ambient/usage/waypoint/#waypoint-traffic-types
   */
  public static readonly WAYPOINT_FOR = 'istio.io/waypoint-for';

  /**
   * `istio.io/ingress-use-waypoint`: set to `"true"` on a Service (or its namespace) so that an
   * ingress gateway sends the service's traffic through its waypoint, which enforces its L7 policy;
   * without it the gateway sends straight to the pods.
   *
   * @see https://istio.io/latest/docs/ambient/usage/l7-features/
   */
  public static readonly INGRESS_USE_WAYPOINT = 'istio.io/ingress-use-waypoint';

  private constructor() {}
}
