/**
 * Gateway API kinds and versions of the experimental channel that the standard channel (v1.5.1, which Istio 1.30.3
 * pins) does not serve: `kind` -> versions, `*` for every version. Istio reads them only with the experimental CRDs
 * installed and `PILOT_ENABLE_ALPHA_GATEWAY_API=true` on istiod (`EnableAlphaGatewayAPI` in pilot/pkg/features); the
 * package embeds no schema for them.
 */
const EXPERIMENTAL: Record<string, readonly string[]> = {
  TCPRoute: ['*'],
  UDPRoute: ['*'],
  TLSRoute: ['v1alpha2', 'v1alpha3'],
  GRPCRoute: ['v1alpha2'],
  BackendTLSPolicy: ['v1alpha2', 'v1alpha3'],
};

/** The Gateway API's group. */
const STANDARD_GROUP = 'gateway.networking.k8s.io';

/** The experimental group, whose kinds (XListenerSet, XBackendTrafficPolicy, ...) are all experimental. */
const EXPERIMENTAL_GROUP = 'gateway.networking.x-k8s.io';

/** True for a Gateway API kind or version only the experimental channel serves. @internal */
export function _isExperimentalGatewayApi(apiVersion: string, kind: string): boolean {
  // Asked of every object the analysis reads: the group is compared before anything is split.
  const api = String(apiVersion);
  if (api === EXPERIMENTAL_GROUP || api.startsWith(`${EXPERIMENTAL_GROUP}/`)) return true;
  if (api !== STANDARD_GROUP && !api.startsWith(`${STANDARD_GROUP}/`)) return false;
  const version = api.split('/')[1];
  const versions = EXPERIMENTAL[kind];
  return versions !== undefined && (versions.includes('*') || versions.includes(version));
}
