import { _findIstioGateway, _gatewayRefs } from './_hosts';
import { _virtualServices } from '../../facts/_hosts';
import { AnalysisLevel } from '../../finding';
import { _MeshModel, _Obj, _Workload, _defaultIngressGateway, _istioWithListItems, _selects } from '../../model';
import { _Rule } from '../../rule';

const CLAIM_HEADER = '@request.auth.claims';

/** True for `@request.auth.claims.<a>[.<b>]` and `@request.auth.claims[<a>][<b>]` header names. */
function isClaimHeader(name: string): boolean {
  if (!name.toLowerCase().startsWith(CLAIM_HEADER)) return false;
  const rest = name.slice(CLAIM_HEADER.length);
  return (rest.startsWith('.') && rest.length > 1) || (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2);
}

/** The first JWT claim header an HTTP match of the VirtualService routes on, if any. */
function claimKey(vs: _Obj): string | undefined {
  for (const rule of Array.isArray(vs.spec.http) ? vs.spec.http : []) {
    for (const match of Array.isArray(rule?.match) ? rule.match : []) {
      const key = [...Object.keys(match?.headers ?? {}), ...Object.keys(match?.withoutHeaders ?? {})].find(isClaimHeader);
      if (key) return key;
    }
  }
  return undefined;
}

function gatewayWorkloads(model: _MeshModel): _Workload[] {
  const ingress = _defaultIngressGateway(model);
  return [...model.workloads, ...(ingress ? [ingress.workload] : [])];
}

/** IST0149: a gateway VirtualService routes on JWT claims, but no RequestAuthentication applies to the gateway's pods. */
export const JWT_CLAIM_ROUTE_WITHOUT_REQUEST_AUTHN: _Rule = {
  id: 'IST0149',
  rule: 'virtualservice/jwt-claim-route',
  name: 'JwtClaimBasedRoutingWithoutRequestAuthN',
  level: AnalysisLevel.ERROR,
  cause: "A VirtualService bound to a gateway matches on '@request.auth.claims' headers, but no RequestAuthentication selects the gateway's pods.",
  why: 'Claims exist only once a RequestAuthentication has validated the JWT on that proxy; without one the claim match never succeeds.',
  fix: 'Apply a RequestAuthentication to the gateway workload (in its namespace or the root namespace, selecting its pod labels).',
  istioAnalyzer: 'virtualservice.JWTClaimRouteAnalyzer',
  check: (model) => {
    const authns = _istioWithListItems(model, 'RequestAuthentication');
    const workloads = gatewayWorkloads(model);
    return _virtualServices(model).flatMap((vs) => {
      const key = claimKey(vs);
      if (!key) return [];
      return _gatewayRefs(vs).flatMap((ref) => {
        const gateway = _findIstioGateway(model, vs.namespace, ref);
        if (!gateway) return [];
        return workloads
          .filter((w) => _selects(gateway.spec.selector, w.labels))
          .filter((w) => !authns.some((ra) => (ra.namespace === model.rootNamespace || ra.namespace === w.namespace)
            && _selects(ra.spec.selector?.matchLabels, w.labels)))
          .map((w) => ({
            obj: vs,
            message: `VirtualService ${vs.namespace}/${vs.name} routes on JWT claim '${key}' through Gateway ${gateway.namespace}/${gateway.name}, `
              + `but no RequestAuthentication applies to its workload ${w.obj.kind} ${w.namespace}/${w.obj.name}.`,
          }));
      });
    });
  },
};
