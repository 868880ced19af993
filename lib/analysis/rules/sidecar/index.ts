import { _Rule } from '../../rule';

/** Rules of the sidecar area. @internal */
export const SIDECAR_RULES: readonly _Rule[] = [];
