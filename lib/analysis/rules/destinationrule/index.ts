import { NO_SERVER_CERT_VERIFICATION_DESTINATION } from './ca-certificate';
import { NO_SERVER_CERT_VERIFICATION_PORT } from './ca-certificate-port';
import { SUBSET_NOT_SELECT_PODS } from './subset-not-select-pods';
import { UNKNOWN_DESTINATION_RULE_HOST } from './unknown-host';
import { _Rule } from '../../rule';

/** Rules about DestinationRules. @internal */
export const DESTINATIONRULE_RULES: readonly _Rule[] = [
  NO_SERVER_CERT_VERIFICATION_DESTINATION,
  NO_SERVER_CERT_VERIFICATION_PORT,
  SUBSET_NOT_SELECT_PODS,
  UNKNOWN_DESTINATION_RULE_HOST,
];
