import { INVALID_APPLICATION_UID } from './application-uid';
import { DEPLOYMENT_CONFLICTING_PORTS } from './conflicting-ports';
import { DEPLOYMENT_ASSOCIATED_TO_MULTIPLE_SERVICES } from './multiple-services';
import { _Rule } from '../../rule';

/** Rules about workloads (Pods and pod templates). @internal */
export const DEPLOYMENT_RULES: readonly _Rule[] = [INVALID_APPLICATION_UID, DEPLOYMENT_ASSOCIATED_TO_MULTIPLE_SERVICES, DEPLOYMENT_CONFLICTING_PORTS];
