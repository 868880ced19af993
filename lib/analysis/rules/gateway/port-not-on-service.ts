import { _gateways } from './_gateway-workloads';
import { _gatewayReach } from './_ingress-ports';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0162: a Gateway server listens on a port that no Service of its gateway workload offers. */
export const GATEWAY_PORT_NOT_ON_SERVICE: _Rule = {
  id: 'IST0162',
  rule: 'gateway/port-not-on-service',
  name: 'GatewayPortNotDefinedOnService',
  level: AnalysisLevel.WARNING,
  cause: 'A Gateway server port is neither a port nor a targetPort of any Service selecting the gateway\'s workload.',
  why: 'The proxy listens on the port, but no Service sends traffic to it: the server is unreachable through the gateway\'s Service.',
  fix: 'Use the Service\'s targetPort as the server port (80 and 443 on the default ingress gateway), or add the port to the gateway Service.',
  istioAnalyzer: 'gateway.IngressGatewayPortAnalyzer',
  check: (model) => _gatewayReach(model, _gateways(model)).filter((r) => r.workloads > 0).flatMap((r) => r.missingPorts.map((port) => ({
    obj: r.gateway,
    message: `Gateway ${r.gateway.namespace}/${r.gateway.name} listens on port ${port}, which no Service of its workload (selector '${r.selector}') offers.`,
  }))),
};
