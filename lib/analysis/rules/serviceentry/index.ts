import { _Rule } from '../../rule';

/** Rules of the serviceentry area. @internal */
export const SERVICEENTRY_RULES: readonly _Rule[] = [];
