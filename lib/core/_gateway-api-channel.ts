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

/** The experimental group, whose kinds (XListenerSet, XBackendTrafficPolicy, ...) are all experimental. */
const EXPERIMENTAL_GROUP = 'gateway.networking.x-k8s.io';

/** True for a Gateway API kind or version only the experimental channel serves. @internal */
export function _isExperimentalGatewayApi(apiVersion: string, kind: string): boolean {
  const [group, version] = String(apiVersion).split('/');
  if (group === EXPERIMENTAL_GROUP) return true;
  if (group !== 'gateway.networking.k8s.io') return false;
  const versions = EXPERIMENTAL[kind];
  return versions !== undefined && (versions.includes('*') || versions.includes(version));
}
