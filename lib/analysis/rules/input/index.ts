import { DUPLICATE_OBJECT } from './duplicate-object';
import { _Rule } from '../../rule';

/** Rules about the input itself. @internal */
export const INPUT_RULES: readonly _Rule[] = [DUPLICATE_OBJECT];
