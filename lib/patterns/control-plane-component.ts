import * as kplus from 'cdk8s-plus-28';
import { Port } from '../core/port';

/**
 * The type of a gateway's Kubernetes Service.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export enum ControlPlaneServiceType {
  /**
   * An external load balancer (the default of Istio's ingress gateways).
   *
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer
   */
  LOAD_BALANCER = 'LoadBalancer',
  /**
   * Reachable inside the cluster only (the usual choice for egress gateways).
   *
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#type-clusterip
   */
  CLUSTER_IP = 'ClusterIP',
  /**
   * A port on every node.
   *
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport
   */
  NODE_PORT = 'NodePort',
}

/**
 * One port of a gateway's Service. A list of ports replaces the installer's default list, so
 * include every port the gateway needs (Istio's defaults: `status-port` 15021, `http2` 80,
 * `https` 443). `number` is the port the Service exposes, `name` its name (required here, such as
 * `http2` or `https`), `targetPort` the port the gateway pod listens on (default: `number`; for an
 * IstioOperator it must be above 1024 unless the gateway runs as root: Istio's ingress listens on
 * 8080 for 80 and 8443 for 443; the Helm `gateway` chart lets the pod bind ports below 1024), and
 * `protocol`, when given, the Service port's `appProtocol`.
 *
 * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#KubernetesResourcesSpec
 */
export interface ControlPlaneGatewayPort extends Port {
  /**
   * The node port, for `NodePort` and `LoadBalancer` Services.
   *
   * @default - chosen by Kubernetes
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport
   */
  readonly nodePort?: number;
}

/**
 * Horizontal pod autoscaling of a component.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
 */
export interface ControlPlaneAutoscaling {
  /**
   * The fewest replicas.
   *
   * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
   */
  readonly minReplicas: number;

  /**
   * The most replicas.
   *
   * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
   */
  readonly maxReplicas: number;

  /**
   * The average CPU utilisation, in percent of the requests, the autoscaler aims at.
   *
   * @default - the installer's default: 80
   * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
   */
  readonly targetCpuUtilizationPercentage?: number;
}

/**
 * Kubernetes settings of a control-plane component (istiod).
 *
 * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#KubernetesResourcesSpec
 */
export interface ControlPlaneComponentSettings {
  /**
   * A fixed number of replicas. Exclusive with `autoscaling`: the autoscaler owns the count.
   *
   * @default - the installer's default: autoscaling from 1 to 5 replicas
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#KubernetesResourcesSpec
   */
  readonly replicas?: number;

  /**
   * CPU and memory requests and limits of the component's container.
   *
   * @default - the installer's defaults
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#KubernetesResourcesSpec
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Horizontal pod autoscaling. Exclusive with `replicas`.
   *
   * @default - the installer's default: 1 to 5 replicas at 80% CPU
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#KubernetesResourcesSpec
   */
  readonly autoscaling?: ControlPlaneAutoscaling;
}

/**
 * An ingress or egress gateway the control plane installs.
 *
 * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#GatewaySpec
 */
export interface ControlPlaneGateway extends ControlPlaneComponentSettings {
  /**
   * The gateway's name: its Deployment's and Service's name, and its Helm release's.
   *
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#GatewaySpec
   */
  readonly name: string;

  /**
   * The namespace the gateway runs in.
   *
   * @default - the control plane's namespace
   * @see https://istio.io/latest/docs/setup/additional-setup/gateway/
   */
  readonly namespace?: string;

  /**
   * Install the gateway. `false` removes a gateway the profile installs (such as the default
   * profile's `istio-ingressgateway`).
   *
   * @default true
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#GatewaySpec
   */
  readonly enabled?: boolean;

  /**
   * Labels of the gateway's pods, which Gateway resources select it by (`selector: { istio: ingressgateway }`).
   *
   * @default - the installer's: `app` and `istio` from the name
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#GatewaySpec
   */
  readonly labels?: { [key: string]: string };

  /**
   * The type of the gateway's Service.
   *
   * @default - the installer's default: LoadBalancer for ingress, ClusterIP for the IstioOperator's egress gateways
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
   */
  readonly serviceType?: ControlPlaneServiceType;

  /**
   * The ports of the gateway's Service, replacing the installer's default list.
   *
   * @default - the installer's default ports: 15021 (status), 80 and 443
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#KubernetesResourcesSpec
   */
  readonly ports?: ControlPlaneGatewayPort[];

  /**
   * Annotations of the gateway's Service, such as a cloud load balancer's settings.
   *
   * @default - none
   * @see https://istio.io/latest/docs/reference/config/istio.operator.v1alpha1/#KubernetesResourcesSpec
   */
  readonly serviceAnnotations?: { [key: string]: string };
}
