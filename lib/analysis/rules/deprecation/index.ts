import { _Rule } from '../../rule';

/** Rules of the deprecation area. @internal */
export const DEPRECATION_RULES: readonly _Rule[] = [];
