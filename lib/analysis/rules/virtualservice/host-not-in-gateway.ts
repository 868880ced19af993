import { _resolveGatewayRefs, _vsHostInGateway } from './_gateway-refs';
import { _gatewayRef } from './_hosts';
import { _virtualServices } from '../../facts/_hosts';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0132: none of a VirtualService's hosts is served by a gateway it is bound to. */
export const HOST_NOT_FOUND_IN_GATEWAY: _Rule = {
  id: 'IST0132',
  rule: 'virtualservice/host-not-in-gateway',
  name: 'VirtualServiceHostNotFoundInGateway',
  level: AnalysisLevel.WARNING,
  cause: 'No host of a VirtualService matches a host of a gateway it is bound to (a missing gateway has no hosts).',
  why: 'The gateway only applies routes for the hosts its servers accept: the VirtualService has no effect there.',
  fix: "Add the host to a server of the Gateway (mind 'namespace/host' restrictions), or fix the VirtualService's hosts.",
  istioAnalyzer: 'virtualservice.GatewayAnalyzer',
  check: (model) => _virtualServices(model).flatMap((vs) => _resolveGatewayRefs(model, vs)
    .filter((r) => !r.internal && !_vsHostInGateway(r, vs))
    .map((r) => {
      const gw = _gatewayRef(vs.namespace, r.ref);
      return {
        obj: vs,
        message: `VirtualService ${vs.namespace}/${vs.name}: none of its hosts (${(vs.spec.hosts ?? []).join(', ')}) is served by `
          + `Gateway ${gw.namespace}/${gw.name}${r.istioGateway || r.kubernetesGateway ? '' : ', which does not exist'}.`,
      };
    })),
};
