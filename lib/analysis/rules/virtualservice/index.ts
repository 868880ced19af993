import { CONFLICTING_MESH_GATEWAY_HOSTS } from './conflicting-mesh-gateway-hosts';
import { DESTINATION_HOST_NOT_FOUND } from './destination-host-not-found';
import { DESTINATION_PORT_SELECTOR_REQUIRED } from './destination-port-required';
import { GATEWAY_NOT_FOUND } from './gateway-not-found';
import { HOST_NOT_FOUND_IN_GATEWAY } from './host-not-in-gateway';
import { INGRESS_ROUTE_RULES_NOT_AFFECTED } from './ingress-subset-no-effect';
import { REFERENCED_INTERNAL_GATEWAY } from './internal-gateway-reference';
import { JWT_CLAIM_ROUTE_WITHOUT_REQUEST_AUTHN } from './jwt-claim-route';
import { NON_IDEMPOTENT_RETRY } from './non-idempotent-retry';
import { SUBSET_NOT_FOUND } from './subset-not-found';
import { _Rule } from '../../rule';

/** Rules of the virtualservice area. @internal */
export const VIRTUALSERVICE_RULES: readonly _Rule[] = [
  CONFLICTING_MESH_GATEWAY_HOSTS,
  DESTINATION_HOST_NOT_FOUND,
  DESTINATION_PORT_SELECTOR_REQUIRED,
  INGRESS_ROUTE_RULES_NOT_AFFECTED,
  SUBSET_NOT_FOUND,
  GATEWAY_NOT_FOUND,
  HOST_NOT_FOUND_IN_GATEWAY,
  REFERENCED_INTERNAL_GATEWAY,
  JWT_CLAIM_ROUTE_WITHOUT_REQUEST_AUTHN,
  NON_IDEMPOTENT_RETRY,
];
