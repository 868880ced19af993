import { _Rule } from '../../rule';

/** Rules of the injection area. @internal */
export const INJECTION_RULES: readonly _Rule[] = [];
