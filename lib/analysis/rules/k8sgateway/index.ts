import { INEFFECTIVE_SELECTOR } from './ineffective-selector';
import { _Rule } from '../../rule';

/** Rules about policies on Kubernetes Gateways. @internal */
export const K8SGATEWAY_RULES: readonly _Rule[] = [INEFFECTIVE_SELECTOR];
