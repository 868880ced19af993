import { Construct } from 'constructs';
import { RoutingApi } from '../core/dataplane';
import { KubernetesGateway } from '../gateway-api/kubernetes-gateway';
import { Gateway } from '../networking/gateway';

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
