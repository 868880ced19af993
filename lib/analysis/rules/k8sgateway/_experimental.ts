import { _Obj } from '../../model';

/**
 * Gateway API kinds and versions of the experimental channel that the standard channel (v1.5.1, which Istio 1.30.3 pins)
 * does not serve: `kind` -> versions, `*` for every version. Istio reads them only with the experimental CRDs installed
 * and `PILOT_ENABLE_ALPHA_GATEWAY_API=true` on istiod (`EnableAlphaGatewayAPI` in pilot/pkg/features).
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

/** True for a Gateway API object of a kind or version only the experimental channel serves. @internal */
export function _isExperimentalGatewayApi(obj: _Obj): boolean {
  if (obj.group === EXPERIMENTAL_GROUP) return true;
  if (obj.group !== 'gateway.networking.k8s.io') return false;
  const versions = EXPERIMENTAL[obj.kind];
  return versions !== undefined && (versions.includes('*') || versions.includes(obj.version));
}
