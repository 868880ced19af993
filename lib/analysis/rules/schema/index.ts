import { _Rule } from '../../rule';

/** Rules of the schema area. @internal */
export const SCHEMA_RULES: readonly _Rule[] = [];
