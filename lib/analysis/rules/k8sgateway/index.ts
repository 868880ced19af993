import { EXPERIMENTAL_GATEWAY_API_KIND } from './experimental-kind';
import { INEFFECTIVE_SELECTOR } from './ineffective-selector';
import { VIRTUALSERVICE_AND_ROUTE } from './virtualservice-and-route';
import { _Rule } from '../../rule';

/** Rules about Kubernetes Gateway API objects: policies on Gateways, and routes beside VirtualServices. @internal */
export const K8SGATEWAY_RULES: readonly _Rule[] = [INEFFECTIVE_SELECTOR, VIRTUALSERVICE_AND_ROUTE, EXPERIMENTAL_GATEWAY_API_KIND];
