import { NO_SERVER_CERT_VERIFICATION_DESTINATION, NO_SERVER_CERT_VERIFICATION_PORT } from './ca-certificate';
import { _Rule } from '../../rule';

/** Rules about DestinationRules. @internal */
export const DESTINATIONRULE_RULES: readonly _Rule[] = [NO_SERVER_CERT_VERIFICATION_DESTINATION, NO_SERVER_CERT_VERIFICATION_PORT];
