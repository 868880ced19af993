import { INVALID_APPLICATION_UID } from './application-uid';
import { _Rule } from '../../rule';

/** Rules about workloads (Pods and pod templates). @internal */
export const DEPLOYMENT_RULES: readonly _Rule[] = [INVALID_APPLICATION_UID];
