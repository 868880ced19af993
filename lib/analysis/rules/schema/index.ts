import { VIRTUALSERVICE_INEFFECTIVE_MATCH } from './virtualservice-ineffective-match';
import { VIRTUALSERVICE_UNREACHABLE_RULE } from './virtualservice-unreachable-rule';
import { _Rule } from '../../rule';

/** Rules of the schema area: Istio's semantic validation beyond the CRD schemas. @internal */
export const SCHEMA_RULES: readonly _Rule[] = [VIRTUALSERVICE_UNREACHABLE_RULE, VIRTUALSERVICE_INEFFECTIVE_MATCH];
