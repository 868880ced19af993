import { EXTERNAL_NAME_INVALID_PORT_NAME } from './external-name-port-name';
import { PORT_NAME_NOT_UNDER_CONVENTION } from './port-name';
import { _Rule } from '../../rule';

/** Rules about Services. @internal */
export const SERVICE_RULES: readonly _Rule[] = [PORT_NAME_NOT_UNDER_CONVENTION, EXTERNAL_NAME_INVALID_PORT_NAME];
