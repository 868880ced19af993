import { AUTHZ_NAMESPACE_NOT_FOUND } from './namespace-not-found';
import { AUTHZ_NO_MATCHING_WORKLOADS } from './no-matching-workloads';
import { _Rule } from '../../rule';

/** Rules about AuthorizationPolicies. @internal */
export const AUTHZ_RULES: readonly _Rule[] = [AUTHZ_NAMESPACE_NOT_FOUND, AUTHZ_NO_MATCHING_WORKLOADS];
