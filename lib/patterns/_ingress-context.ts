import { Construct } from 'constructs';
import { IngressExposeOptions } from './ingress-expose';
import { _Problems } from '../core/_errors';
import { RoutingApi } from '../core/dataplane';
import { GatewayUrlRewrite } from '../gateway-api/gateway-http-filters';
import { GatewayHttpMatch } from '../gateway-api/gateway-http-match';
import { KubernetesGateway } from '../gateway-api/kubernetes-gateway';
import { Destination } from '../networking/destination';
import { Gateway } from '../networking/gateway';
import { VirtualService } from '../networking/virtual-service';

/** What every part of an IngressGateway knows of it. @internal */
export interface _IngressContext {
  /** The IngressGateway: the scope of the objects it creates. */
  readonly owner: Construct;
  readonly subject: string;
  readonly name: string;
  readonly namespace?: string;
  readonly routesNamespace?: string;
  readonly routing: RoutingApi;
  readonly allowRoutesFromAllNamespaces: boolean;
  /** The Istio Gateway, once created (`RoutingApi.ISTIO`). */
  readonly gateway?: Gateway;
  /** The Gateway API Gateway, once created (`RoutingApi.GATEWAY_API`). */
  readonly kubernetesGateway?: KubernetesGateway;
  gatewayReference(fromNamespace?: string): string;
}

/** A Service backend as an exposure sees it at synth. @internal */
export interface _ServiceBackend {
  readonly name: string;
  readonly namespace?: string;
  readonly port: number;
  readonly weight?: number;
}

/** An exposure's checked hosts, and its Gateway API match and rewrite. @internal */
export interface _CheckedExposure {
  readonly hosts: string[];
  readonly matches?: GatewayHttpMatch[];
  readonly urlRewrite?: GatewayUrlRewrite;
}

/**
 * What differs between the routing APIs of an IngressGateway's HTTP exposures: VirtualServices
 * bound to an Istio Gateway, or HTTPRoutes attached to a Gateway API Gateway. @internal
 */
export interface _IngressHttpBackEnd {
  /** The route objects by name, with the hosts each was exposed on. */
  readonly byName: ReadonlyMap<string, { readonly exposedHosts: string[] }>;

  /** Whether the routes can name DestinationRule subsets, and so follow a split over them. */
  readonly namesSubsets: boolean;

  /** Checks the host and port `exposeHost()` sends to; `hostOk`: the host itself passed its checks. */
  checkHostTarget(problems: _Problems, host: string, port: number | undefined, service: { name: string } | undefined, hostOk: boolean): void;

  /** Checks a backend of another namespace (`namespace`, when it is one). */
  checkBackendNamespace(problems: _Problems, prop: string, namespace: string | undefined): void;

  /** Checks one exposed host; false when it reported a problem. */
  checkExposedHost(problems: _Problems, prop: string, host: string): boolean;

  /** Checks that the hosts share no route object but `target` (the one the exposure goes into, if it exists). */
  checkSharedHosts(problems: _Problems, hosts: string[], target: object | undefined): void;

  /** Checks the exposure's options; its matches and rewrite in the back end's terms. */
  checkOptions(problems: _Problems, options: IngressExposeOptions, hosts: string[]): _CheckedExposure;

  /** Adds the exposure's route: to `backends` (Istio's API) or `serviceBackends` (Gateway API), both read again at synth. */
  add(checked: _CheckedExposure, options: IngressExposeOptions, backends: () => Destination[],
    serviceBackends: () => _ServiceBackend[]): VirtualService | undefined;
}
