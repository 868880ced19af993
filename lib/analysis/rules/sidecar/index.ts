import { CONFLICTING_SIDECAR_SELECTORS } from './conflicting-selectors';
import { SIDECAR_INEFFECTIVE_POLICY } from './ineffective-policy';
import { MULTIPLE_SIDECARS_WITHOUT_SELECTOR } from './multiple-without-selector';
import { SIDECAR_SELECTOR_NOT_FOUND } from './selector-not-found';
import { _Rule } from '../../rule';

/** Rules about Sidecar resources. @internal */
export const SIDECAR_RULES: readonly _Rule[] = [
  SIDECAR_SELECTOR_NOT_FOUND,
  CONFLICTING_SIDECAR_SELECTORS,
  MULTIPLE_SIDECARS_WITHOUT_SELECTOR,
  SIDECAR_INEFFECTIVE_POLICY,
];
