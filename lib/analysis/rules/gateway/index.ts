import { _Rule } from '../../rule';

/** Rules of the gateway area. @internal */
export const GATEWAY_RULES: readonly _Rule[] = [];
