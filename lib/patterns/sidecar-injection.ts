import { _fail } from '../core/_errors';
import { _isLabelValue } from '../core/_names';

const INJECT = 'sidecar.istio.io/inject';
const REVISION = 'istio.io/rev';

/**
 * How the pods of a MeshService get their Envoy sidecar: the pod labels Istio's injection webhook
 * reads.
 *
 * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#controlling-the-injection-policy
 */
export class SidecarInjection {
  /**
   * Label each pod `sidecar.istio.io/inject: "true"`: injected by the default revision whether or not
   * its namespace is labelled (unless the namespace says `istio-injection=disabled`), so a forgotten
   * namespace label cannot leave the service outside the mesh.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#controlling-the-injection-policy
   */
  public static enabled(): SidecarInjection {
    return new SidecarInjection({ [INJECT]: 'true' }, 'enabled');
  }

  /**
   * Label each pod `istio.io/rev: <revision>`: injected by that control-plane revision (or revision
   * tag), for revision-based installs and canary upgrades of Istio.
   *
   * @see https://istio.io/latest/docs/setup/upgrade/canary/
   */
  public static revision(revision: string): SidecarInjection {
    if (!revision || !_isLabelValue(revision)) {
      _fail('SidecarInjection.revision', 'revision', 'must be a Kubernetes label value naming a revision or revision tag', revision,
        'Give the revision as installed, such as \'1-30-3\' or \'stable\'.');
    }
    return new SidecarInjection({ [REVISION]: revision }, `revision(${revision})`);
  }

  /**
   * Add no injection label to the pods: whether they get a sidecar is left to their namespace's
   * `istio-injection` or `istio.io/rev` label.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#automatic-sidecar-injection
   */
  public static fromNamespace(): SidecarInjection {
    return new SidecarInjection({}, 'fromNamespace');
  }

  /**
   * Label each pod `sidecar.istio.io/inject: "false"`: no sidecar, as for workloads in an ambient mode
   * namespace, whose traffic ztunnel and waypoints carry instead.
   *
   * @see https://istio.io/latest/docs/ambient/overview/
   */
  public static disabled(): SidecarInjection {
    return new SidecarInjection({ [INJECT]: 'false' }, 'disabled');
  }

  private constructor(
    private readonly labels: { [key: string]: string },
    /**
     * The factory this came from, for messages: `enabled`, `revision(1-30)`, `fromNamespace`, `disabled`.
     *
     * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/
     */
    public readonly mode: string,
  ) {}

  /**
   * The labels each pod carries for it.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#controlling-the-injection-policy
   */
  public get podLabels(): { [key: string]: string } {
    return { ...this.labels };
  }
}
