import { _qualifyHost, _serviceFqdn } from '../../../core/_host';
import { _GATEWAY_API_GROUP } from '../../facts/_ambient';
import { _appliesToMesh, _hostsMatch, _MESH_GATEWAY, _virtualServices } from '../../facts/_hosts';
import { AnalysisLevel } from '../../finding';
import { _MeshModel, _Obj } from '../../model';
import { _RawFinding, _Rule } from '../../rule';

/** Gateway API route kinds that attach to a Service for east-west traffic (GAMMA). */
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'];

/** The cluster hostnames of the Services a route attaches to through parentRefs of kind Service (group `''`). */
function serviceHosts(route: _Obj): { service: string; host: string }[] {
  const refs: any[] = Array.isArray(route.spec.parentRefs) ? route.spec.parentRefs : [];
  return refs
    .filter((r) => r?.kind === 'Service' && (r.group === '' || r.group === 'core') && typeof r.name === 'string')
    .map((r) => {
      const ns = r.namespace ?? route.namespace;
      return { service: `${ns}/${r.name}`, host: _serviceFqdn(r.name, ns) };
    });
}

function meshRoutes(model: _MeshModel): { route: _Obj; service: string; host: string }[] {
  return ROUTE_KINDS.flatMap((kind) => model.ofKind(kind, _GATEWAY_API_GROUP))
    .flatMap((route) => serviceHosts(route).map((s) => ({ route, ...s })));
}

/**
 * CI0009: a VirtualService for the mesh and a Gateway API route (GAMMA: parentRef kind Service) for the
 * same service host, short name or FQDN (wildcards included). Istio documents mixing the two for one
 * workload as unsupported with undefined behaviour (Ambient "Migrate policies"); it names no winner.
 */
export const VIRTUALSERVICE_AND_ROUTE: _Rule = {
  id: 'CI0009',
  rule: 'k8sgateway/virtualservice-and-route',
  name: 'VirtualServiceAndRouteForSameService',
  level: AnalysisLevel.WARNING,
  cause: 'A VirtualService bound to the mesh lists a host (short name, FQDN or wildcard) of a Service that an HTTPRoute or '
    + 'GRPCRoute also routes, attached to it through a parentRef of kind Service.',
  why: 'Istio does not support a VirtualService and a Gateway API route for the same service: both become routes for the same '
    + 'host and which one a proxy uses is undefined (Istio names no winner), so routing can change from one push to the next.',
  fix: 'Route the service with one API: remove the VirtualService (HTTPRoute is the one Istio recommends, and the only one '
    + 'waypoints fully support) or remove the route\'s Service parentRef.',
  check: (model) => {
    const routes = meshRoutes(model);
    if (routes.length === 0) return [];
    return _virtualServices(model).filter(_appliesToMesh).flatMap((vs) => {
      const hosts: string[] = (Array.isArray(vs.spec.hosts) ? vs.spec.hosts : []).map((h: any) => _qualifyHost(String(h), vs.namespace));
      const seen = new Set<string>();
      return routes.flatMap(({ route, service, host }): _RawFinding[] => {
        const key = `${route.kind}/${route.namespace}/${route.name}/${host}`;
        const listed = hosts.find((h) => _hostsMatch(h, host));
        if (!listed || seen.has(key)) return [];
        seen.add(key);
        return [{
          obj: vs,
          message: `VirtualService ${vs.name} routes host '${listed}' for the mesh, and ${route.kind} ${route.namespace}/${route.name} `
            + `is attached to Service ${service} (${host}): Istio does not support both for one service, which one applies is undefined.`,
        }];
      });
    });
  },
};
