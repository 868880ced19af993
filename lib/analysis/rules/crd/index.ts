import { SCHEMA_VALIDATION_ERROR } from './schema-validation';
import { _Rule } from '../../rule';

/** Rules that check objects against their CRDs. @internal */
export const CRD_RULES: readonly _Rule[] = [SCHEMA_VALIDATION_ERROR];
