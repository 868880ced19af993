import { _Rule } from '../../rule';

/** Rules of the annotations area. @internal */
export const ANNOTATIONS_RULES: readonly _Rule[] = [];
