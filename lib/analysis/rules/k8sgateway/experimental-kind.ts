import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';
import { _EXPERIMENTAL_GATEWAY_API_KINDS } from '../../schema/_validator';

/**
 * CI0020: a Gateway API object of a kind only the experimental channel serves (TCPRoute, UDPRoute).
 * Istio 1.30.3 reads TCPRoutes only with `PILOT_ENABLE_ALPHA_GATEWAY_API=true`
 * (pilot/pkg/config/kube/gateway/controller.go), and a cluster with the standard CRDs rejects the kind.
 */
export const EXPERIMENTAL_GATEWAY_API_KIND: _Rule = {
  id: 'CI0020',
  name: 'ExperimentalGatewayApiKind',
  level: AnalysisLevel.WARNING,
  cause: 'A Gateway API object is of a kind only the experimental channel serves (TCPRoute, UDPRoute), so its schema was not checked.',
  why: 'A cluster with the standard-channel CRDs rejects the object on apply, and istiod ignores TCPRoutes (and TCP listeners) '
    + 'unless PILOT_ENABLE_ALPHA_GATEWAY_API=true: the traffic the route declares is never routed.',
  fix: 'Install the Gateway API experimental-channel CRDs (v1.5.1) and set PILOT_ENABLE_ALPHA_GATEWAY_API=true on istiod, then '
    + 'suppress this finding; or route the traffic with an Istio Gateway and a VirtualService tcp route.',
  check: (model) => model.objects
    .filter((obj) => _EXPERIMENTAL_GATEWAY_API_KINDS.includes(`${obj.apiVersion}/${obj.kind}`))
    .map((obj) => ({
      obj,
      message: `${obj.kind} ${obj.name} (${obj.apiVersion}) is in the Gateway API experimental channel: it needs the experimental CRDs `
        + 'and istiod with PILOT_ENABLE_ALPHA_GATEWAY_API=true.',
    })),
};
