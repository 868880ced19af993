import { CONFLICTING_TELEMETRY_SELECTORS } from './conflicting-selectors';
import { INVALID_TELEMETRY_PROVIDER } from './invalid-provider';
import { DEPRECATED_LIGHTSTEP_PROVIDER } from './lightstep';
import { MULTIPLE_TELEMETRIES_WITHOUT_SELECTOR } from './multiple-without-selector';
import { TELEMETRY_SELECTOR_NOT_FOUND } from './selector-not-found';
import { _Rule } from '../../rule';

/** Rules about Telemetry resources. @internal */
export const TELEMETRY_RULES: readonly _Rule[] = [
  TELEMETRY_SELECTOR_NOT_FOUND,
  CONFLICTING_TELEMETRY_SELECTORS,
  MULTIPLE_TELEMETRIES_WITHOUT_SELECTOR,
  INVALID_TELEMETRY_PROVIDER,
  DEPRECATED_LIGHTSTEP_PROVIDER,
];
