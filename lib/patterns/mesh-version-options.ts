import * as kplus from 'cdk8s-plus-28';
import { TrafficPolicy } from '../networking/traffic-policy';

/** What the pods of one version run: the settings `MeshService` and `addVersion()` share. */
export interface MeshVersionOptions {
  /**
   * The number of pods of this version.
   *
   * @default - the service's `replicas`, else 2 (cdk8s-plus's default)
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
   */
  readonly replicas?: number;

  /**
   * CPU and memory requests and limits of the container. The default asks for little, so that a
   * small cluster schedules a service of several versions (the sidecar asks for another 100m CPU and
   * 128Mi by Istio's default); set what the application needs.
   *
   * @default - the service's `resources`, else `MeshService.DEFAULT_RESOURCES`: requests 100m CPU and 128Mi memory, a 256Mi memory limit, no CPU limit
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * The container's entrypoint, replacing the image's.
   *
   * @default - the service's `command`, else the image's entrypoint
   * @see https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
   */
  readonly command?: string[];

  /**
   * The arguments of the container's entrypoint, replacing the image's.
   *
   * @default - the service's `args`, else the image's
   * @see https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
   */
  readonly args?: string[];

  /**
   * Environment variables of the container, by name.
   *
   * @default - the service's `env`, else none
   * @see https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
   */
  readonly env?: { [name: string]: string };

  /**
   * The container's security context.
   *
   * @default - the service's `securityContext`, else cdk8s-plus's defaults (non-root, read-only root file system)
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;

  /**
   * Traffic settings of this version's DestinationRule subset; they replace the service's for the
   * fields they set.
   *
   * @default - the service's `trafficPolicy`
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  readonly trafficPolicy?: TrafficPolicy;

  /**
   * The name of the version's Deployment.
   *
   * @default `<name>-<version>` (the version in lower case, `_` as `-`)
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
   */
  readonly deploymentName?: string;

  /**
   * When the kubelet pulls the container's image.
   *
   * @default - the service's `imagePullPolicy`, else cdk8s-plus's default: `ImagePullPolicy.ALWAYS`
   * @see https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;

  /**
   * The container's readiness probe: a pod takes traffic (and a canary its share) only once it passes.
   * With a sidecar, Istio's injector rewrites HTTP, TCP and gRPC probes to go through istio-agent
   * (port 15020), so they pass under STRICT mTLS; in ambient mode the kubelet's probes are let through
   * by ztunnel.
   *
   * @default - the service's `readiness`, else (unless `defaultReadinessProbe` is false) a TCP socket probe on the target port of the first TCP-carried port
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
   * @see https://istio.io/latest/docs/ops/configuration/mesh/app-health-check/
   */
  readonly readiness?: kplus.Probe;

  /**
   * Whether the container gets the default readiness probe (a TCP socket probe on its first TCP-carried
   * port) when no `readiness` is given. `false` leaves the container without a readiness probe.
   *
   * @default - the service's `defaultReadinessProbe`, else true
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
   */
  readonly defaultReadinessProbe?: boolean;

  /**
   * The container's liveness probe.
   *
   * @default - the service's `liveness`, else none
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
   */
  readonly liveness?: kplus.Probe;

  /**
   * The container's startup probe.
   *
   * @default - the service's `startup`, else none
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
   */
  readonly startup?: kplus.Probe;

  /**
   * Environment variables of the container from cdk8s-plus values (Secrets, ConfigMaps, field
   * references), beside `env`; a name in both takes this value.
   *
   * @default - the service's `envVariables`, else none
   * @see https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
   */
  readonly envVariables?: { [name: string]: kplus.EnvValue };

  /**
   * Volumes mounted into the container; the pod gets each volume.
   *
   * @default - the service's `volumeMounts`, else none
   * @see https://kubernetes.io/docs/concepts/storage/volumes/
   */
  readonly volumeMounts?: kplus.VolumeMount[];

  /**
   * Volumes of the pod that no `volumeMounts` entry names (for a sidecar or an init step to use).
   *
   * @default - the service's `volumes`, else none beyond the mounted ones
   * @see https://kubernetes.io/docs/concepts/storage/volumes/
   */
  readonly volumes?: kplus.Volume[];
}
