import { CONFLICTING_GATEWAYS } from './conflicting-gateways';
import { GATEWAY_DUPLICATE_CERTIFICATE } from './duplicate-certificate';
import { GATEWAY_PORT_NOT_ON_SERVICE } from './port-not-on-service';
import { GATEWAY_SELECTOR_NOT_FOUND } from './selector-not-found';
import { _Rule } from '../../rule';

/** Rules of the gateway area. @internal */
export const GATEWAY_RULES: readonly _Rule[] = [
  GATEWAY_SELECTOR_NOT_FOUND,
  GATEWAY_PORT_NOT_ON_SERVICE,
  CONFLICTING_GATEWAYS,
  GATEWAY_DUPLICATE_CERTIFICATE,
];
