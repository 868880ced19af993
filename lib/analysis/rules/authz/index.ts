import { _Rule } from '../../rule';

/** Rules of the authz area. @internal */
export const AUTHZ_RULES: readonly _Rule[] = [];
