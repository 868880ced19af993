import { _Rule } from '../../rule';

/** Rules of the virtualservice area. @internal */
export const VIRTUALSERVICE_RULES: readonly _Rule[] = [];
