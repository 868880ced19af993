import { _Rule } from '../../rule';

/** Rules of the k8sgateway area. @internal */
export const K8SGATEWAY_RULES: readonly _Rule[] = [];
