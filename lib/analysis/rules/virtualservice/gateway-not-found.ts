import { _resolveGatewayRefs } from './_gateway-refs';
import { _virtualServices } from '../../facts/_hosts';
import { AnalysisLevel } from '../../finding';
import { _Rule } from '../../rule';

/** IST0101: a VirtualService is bound to a Gateway that does not exist. */
export const GATEWAY_NOT_FOUND: _Rule = {
  id: 'IST0101',
  rule: 'virtualservice/gateway-not-found',
  name: 'ReferencedResourceNotFound',
  level: AnalysisLevel.ERROR,
  cause: 'A VirtualService lists a gateway that is neither an Istio Gateway nor a Gateway API Gateway in the manifests.',
  why: 'Routes bound to a missing gateway are never applied: traffic entering the mesh through it gets 404s.',
  fix: "Reference the gateway as 'name' (same namespace) or 'namespace/name', or create it; use 'mesh' for sidecars.",
  istioAnalyzer: 'virtualservice.GatewayAnalyzer',
  check: (model) => _virtualServices(model).flatMap((vs) => _resolveGatewayRefs(model, vs)
    .filter((r) => !r.internal && !r.istioGateway && !r.kubernetesGateway)
    .map((r) => ({
      obj: vs,
      ref: { namespace: r.ref.includes('/') ? r.ref.split('/')[0] : vs.namespace },
      message: `VirtualService ${vs.namespace}/${vs.name} gateways[${r.index}]: gateway '${r.ref}' not found`
        + `${r.ref.includes('/') ? '' : ` in namespace ${vs.namespace}`}.`,
    }))),
};
