import { _gateways, _selector } from './_gateway-workloads';
import { _gatewayReach } from './_ingress-ports';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0101: a Gateway's selector picks no workload (no Pod or pod template carries its labels). */
export const GATEWAY_SELECTOR_NOT_FOUND: _Rule = {
  id: 'IST0101',
  rule: 'gateway/selector-not-found',
  name: 'ReferencedResourceNotFound',
  level: AnalysisLevel.ERROR,
  cause: 'A Gateway\'s selector matches no gateway workload: no Pod or pod template carries its labels.',
  why: 'A Gateway configures only the proxies it selects; with none, its servers listen nowhere and its routes are never served.',
  fix: 'Set the selector to the labels of the gateway deployment (\'istio: ingressgateway\' for the default one), or deploy that gateway.',
  istioAnalyzer: 'gateway.IngressGatewayPortAnalyzer',
  check: (model) => _gatewayReach(model, _gateways(model)).filter((r) => r.workloads === 0).map((r) => ({
    obj: r.gateway,
    ref: { workloadLabels: _selector(r.gateway) },
    message: `Gateway ${r.gateway.namespace}/${r.gateway.name}: selector '${r.selector}' matches no gateway workload.`,
  })),
};
