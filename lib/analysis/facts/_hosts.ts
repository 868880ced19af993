/**
 * How Istio names and matches hosts: short names made fully qualified, wildcard matches, exportTo, and
 * the VirtualServices that route hosts. Shared by the rule areas and the request trace.
 */
import { _istioWithListItems, _MeshModel, _Obj } from '../model';

/** The reserved gateway name for the sidecars of the mesh. @internal */
export const _MESH_GATEWAY = 'mesh';

const FQDN = /^(.+)\.(.+)\.svc\.cluster\.local$/;

/** The Service a host names, as `namespace/name`: from a cluster FQDN, else the short name in `namespace`. @internal */
export function _serviceKey(host: string, namespace: string): string {
  const m = FQDN.exec(host);
  return m ? `${m[2]}/${m[1]}` : `${namespace}/${host}`;
}

/** Istio's host match: equal names, or a wildcard (`*.foo.com`) whose suffix the other name ends with. @internal */
export function _hostsMatch(a: string, b: string): boolean {
  const aWild = a.startsWith('*');
  const bWild = b.startsWith('*');
  if (aWild && bWild) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aWild) return b.endsWith(a.slice(1));
  if (bWild) return a.endsWith(b.slice(1));
  return a === b;
}

/** True when exportTo is absent or lists `*`. @internal */
export function _exportedToAll(exportTo: string[] | undefined): boolean {
  return !exportTo || exportTo.length === 0 || exportTo.includes('*');
}

/** True when a VirtualService applies to the sidecars of the mesh: no `gateways`, or `mesh` among them. @internal */
export function _appliesToMesh(vs: _Obj): boolean {
  const gateways = vs.spec.gateways;
  return !Array.isArray(gateways) || gateways.length === 0 || gateways.includes(_MESH_GATEWAY);
}

/** The VirtualServices of the manifests, top-level or in Lists. @internal */
export function _virtualServices(model: _MeshModel): _Obj[] {
  return _istioWithListItems(model, 'VirtualService');
}
