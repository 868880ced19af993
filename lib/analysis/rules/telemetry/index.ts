import { _Rule } from '../../rule';

/** Rules of the telemetry area. @internal */
export const TELEMETRY_RULES: readonly _Rule[] = [];
