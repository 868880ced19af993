import { _qualifyHost } from '../../../core/_host';
import { _MeshModel, _Obj } from '../../model';

/** What a destination host resolves to: a Service or a ServiceEntry, with the workload labels a ServiceEntry adds. @internal */
export interface _Destination {
  readonly obj: _Obj;
  readonly workloadLabels: Record<string, string>;
}

/** Every host of the mesh under each scope it is visible in (`*` for all namespaces), as `scope/fqdn`. */
function hostIndex(model: _MeshModel): Map<string, _Destination> {
  const index = new Map<string, _Destination>();
  for (const se of model.istio('ServiceEntry')) {
    const exportTo: string[] = Array.isArray(se.spec.exportTo) ? se.spec.exportTo : [];
    const scopes = exportTo.length === 0 || exportTo.includes('*') ? ['*'] : exportTo.map((e) => (e === '.' ? se.namespace : e));
    const dest = { obj: se, workloadLabels: { ...(se.spec.workloadSelector?.labels ?? {}) } };
    for (const host of Array.isArray(se.spec.hosts) ? se.spec.hosts : []) {
      for (const scope of scopes) index.set(`${scope}/${_qualifyHost(String(host), se.namespace)}`, dest);
    }
  }
  for (const svc of model.services) {
    const anno = svc.annotations['networking.istio.io/exportTo'];
    const scopes = !anno ? ['*'] : anno.split(',').map((s) => s.trim()).map((s) => (s === '.' ? svc.namespace : s));
    for (const scope of scopes) index.set(`${scope}/${_qualifyHost(svc.name, svc.namespace)}`, { obj: svc, workloadLabels: {} });
  }
  return index;
}

/** The Service or ServiceEntry a DestinationRule's host names, as seen from its namespace and exportTo; undefined when none. @internal */
export function _destinationOf(model: _MeshModel, dr: _Obj, index = hostIndex(model)): _Destination | undefined {
  const host = String(dr.spec.host ?? '');
  const fqdn = _qualifyHost(host, dr.namespace);
  const direct = index.get(`*/${fqdn}`);
  if (direct) return direct;
  const exportTo: string[] = Array.isArray(dr.spec.exportTo) ? dr.spec.exportTo : [];
  const scopes = exportTo.length === 0 ? [dr.namespace] : exportTo.map((e) => (e === '.' ? dr.namespace : e));
  for (const scope of scopes) {
    const found = index.get(`${scope}/${fqdn}`);
    if (found) return found;
  }
  // A wildcard ServiceEntry host visible here covers the DestinationRule's host.
  const bare = host.startsWith('*') ? host.slice(1) : host;
  for (const [key, dest] of index) {
    const [scope, seHost] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    if (seHost.startsWith('*') && (scope === '*' || scope === dr.namespace) && bare.endsWith(seHost.slice(1))) return dest;
  }
  return undefined;
}

/** Every DestinationRule with what its host resolves to. @internal */
export function _destinationRules(model: _MeshModel): { dr: _Obj; dest?: _Destination }[] {
  // Three rules read them: resolved once per model.
  return model.memoOf(model, 'destinationRules', () => {
    const index = hostIndex(model);
    return model.istio('DestinationRule').map((dr) => ({ dr, dest: _destinationOf(model, dr, index) }));
  });
}
