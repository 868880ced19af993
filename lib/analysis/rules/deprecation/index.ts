import { DEPRECATED_FIELD } from './field';
import { _Rule } from '../../rule';

/** Rules about deprecated Istio fields and types. @internal */
export const DEPRECATION_RULES: readonly _Rule[] = [DEPRECATED_FIELD];
