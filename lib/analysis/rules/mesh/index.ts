import { ALLOW_ALL_RULE } from './allow-all-rule';
import { MTLS_CONFLICT } from './mtls-conflict';
import { MTLS_TO_DISABLED_SERVER } from './mtls-disabled-server';
import { UNKNOWN_PRINCIPAL } from './unknown-principal';
import { UNREACHABLE_WORKLOAD } from './unreachable-workload';
import { _Rule } from '../../rule';

/** Our own mesh rules (ids CI0xxx): mTLS between DestinationRules and PeerAuthentications, and AuthorizationPolicy reach. @internal */
export const MESH_RULES: readonly _Rule[] = [MTLS_CONFLICT, MTLS_TO_DISABLED_SERVER, UNKNOWN_PRINCIPAL, ALLOW_ALL_RULE, UNREACHABLE_WORKLOAD];
