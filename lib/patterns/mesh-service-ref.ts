import * as kplus from 'cdk8s-plus-28';
import { MeshVersionOptions } from './mesh-version-options';
import { IMeshWorkload } from './mesh-workload';
import { DataPlaneMode, RoutingApi } from '../core/dataplane';
import { GatewayHttpRoute } from '../gateway-api/gateway-http-route';
import { DestinationRule } from '../networking/destination-rule';
import { HttpRoute } from '../networking/http-route';
import { TcpRoute } from '../networking/tcp-route';
import { VirtualService } from '../networking/virtual-service';

/**
 * One service in the mesh, as the patterns that build on it (CanaryRelease, IngressGateway) take
 * it: its name and versions, its Service and the objects that route it. `MeshService` implements
 * it; the patterns route through the MeshService's own routing, so they accept MeshServices of
 * this library only.
 *
 * @see https://istio.io/latest/docs/concepts/traffic-management/
 */
export interface IMeshService extends IMeshWorkload {
  /**
   * The service's name: of the Service, and the pods' `app` label.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  readonly name: string;

  /**
   * The first version: its pods' `version` label (the subset or version Service is named after it as a DNS label: `1.4.2` becomes `1-4-2`).
   *
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  readonly version: string;

  /**
   * The versions, in the order they were added.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  readonly versions: string[];

  /**
   * The Service in front of every version: it selects on `app` only.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  readonly service: kplus.Service;

  /**
   * The service account the pods of every version run as.
   *
   * @see https://istio.io/latest/docs/concepts/security/#istio-identity
   */
  readonly serviceAccount: kplus.IServiceAccount;

  /**
   * The data plane of the service's pods.
   *
   * @see https://istio.io/latest/docs/overview/dataplane-modes/
   */
  readonly dataplane: DataPlaneMode;

  /**
   * The API the service's traffic is routed with.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/request-routing/
   */
  readonly routing: RoutingApi;

  /**
   * The DestinationRule of the Service: a subset per version.
   *
   * @default - none under `RoutingApi.GATEWAY_API`, or with `createDestinationRule: false`
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/
   */
  readonly destinationRule?: DestinationRule;

  /**
   * The VirtualService of the Service.
   *
   * @default - none under `RoutingApi.GATEWAY_API`, or with `createVirtualService: false`
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
   */
  readonly virtualService?: VirtualService;

  /**
   * The HTTP routes of the VirtualService, one per HTTP port (`RoutingApi.ISTIO`).
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  readonly httpRoutes: HttpRoute[];

  /**
   * The TCP routes of the VirtualService, one per other port (`RoutingApi.ISTIO`).
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TCPRoute
   */
  readonly tcpRoutes: TcpRoute[];

  /**
   * The HTTPRoutes of the Service, one per HTTP port (`RoutingApi.GATEWAY_API`).
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/request-routing/
   */
  readonly gatewayRoutes: GatewayHttpRoute[];

  /**
   * The Deployment of a version.
   *
   * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
   */
  deploymentOf(version: string): kplus.Deployment;

  /**
   * The Service `<name>-<version>` of a version under `RoutingApi.GATEWAY_API`.
   *
   * @returns the version's Service; none under `RoutingApi.ISTIO`
   * @see https://istio.io/latest/docs/tasks/traffic-management/request-routing/
   */
  versionService(version: string): kplus.Service | undefined;

  /**
   * Runs another version of the service beside the existing ones.
   *
   * @returns the new Deployment
   * @see https://istio.io/latest/docs/concepts/traffic-management/#destination-rules
   */
  addVersion(version: string, image: string, options?: MeshVersionOptions): kplus.Deployment;

  /**
   * Sets how the service's traffic is split across its versions.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
   */
  splitTraffic(weights: { [version: string]: number }): void;
}
