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

  private constructor() {}
}
