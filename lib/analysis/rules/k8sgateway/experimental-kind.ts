import { _isExperimentalGatewayApi } from '../../../core/_gateway-api-channel';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/**
 * CI0011: a Gateway API kind or version of the experimental channel (TCPRoute, UDPRoute, TLSRoute v1alpha2, GRPCRoute
 * v1alpha2, the x-k8s.io group). Not a schema error: the schemas this package embeds are the standard channel's, and these
 * objects are valid where the experimental CRDs are installed. Istio's own samples use them (tcp-echo's TCPRoute).
 */
export const EXPERIMENTAL_GATEWAY_API_KIND: _Rule = {
  id: 'CI0011',
  rule: 'k8sgateway/experimental-kind',
  name: 'GatewayApiExperimentalKind',
  level: AnalysisLevel.WARNING,
  cause: 'A Gateway API object is of a kind or version that only the experimental channel serves (TCPRoute, UDPRoute, TLSRoute v1alpha2/v1alpha3, '
    + 'GRPCRoute v1alpha2, BackendTLSPolicy v1alpha3, gateway.networking.x-k8s.io kinds).',
  why: 'With the standard-channel CRDs the API server rejects the object; with the experimental CRDs but without PILOT_ENABLE_ALPHA_GATEWAY_API=true '
    + 'on istiod, Istio ignores it and the route never takes effect.',
  fix: 'Install the Gateway API experimental-channel CRDs and set PILOT_ENABLE_ALPHA_GATEWAY_API=true on istiod (values.pilot.env), '
    + 'or use a standard kind (HTTPRoute, GRPCRoute v1, TLSRoute v1) or an Istio VirtualService.',
  check: (model) => model.objects.filter((obj) => _isExperimentalGatewayApi(obj.apiVersion, obj.kind)).map((obj) => ({
    obj,
    message: `${obj.kind} ${obj.name} (${obj.apiVersion}) is in the Gateway API experimental channel: it needs the experimental CRDs installed `
      + 'and PILOT_ENABLE_ALPHA_GATEWAY_API=true on istiod.',
  })),
};
