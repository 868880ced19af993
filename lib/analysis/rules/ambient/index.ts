import { AMBIENT_L7_POLICY_WITHOUT_WAYPOINT } from './l7-policy-without-waypoint';
import { AMBIENT_L7_RULE_ON_ZTUNNEL } from './l7-rule-on-ztunnel';
import { WAYPOINT_NOT_FOUND } from './waypoint-not-found';
import { _Rule } from '../../rule';

/** Rules about ambient mode: waypoints, and policies ztunnel cannot enforce. @internal */
export const AMBIENT_RULES: readonly _Rule[] = [AMBIENT_L7_POLICY_WITHOUT_WAYPOINT, AMBIENT_L7_RULE_ON_ZTUNNEL, WAYPOINT_NOT_FOUND];
