/** Helpers shared by the Gateway rules: the gateways, the workloads their selectors can pick, and their servers. */
import { _MeshModel, _Obj, _Workload, _defaultIngressGateway, _istioWithListItems } from '../../model';

/** The Istio Gateways of the manifests, top-level or in Lists. @internal */
export function _gateways(model: _MeshModel): _Obj[] {
  return _istioWithListItems(model, 'Gateway');
}

/** Workloads a Gateway selector can pick (any namespace), plus the ingress gateway istioctl assumes. @internal */
export function _gatewayWorkloads(model: _MeshModel): _Workload[] {
  const ingress = _defaultIngressGateway(model);
  return [...model.workloads, ...(ingress ? [ingress.workload] : [])];
}

/** Services, plus the ingress gateway Service istioctl assumes. @internal */
export function _gatewayServices(model: _MeshModel): _Obj[] {
  const ingress = _defaultIngressGateway(model);
  return [...model.services, ...(ingress ? [ingress.service] : [])];
}

/** A Gateway's selector (empty when absent). @internal */
export function _selector(gateway: _Obj): Record<string, string> {
  const s = gateway.spec.selector;
  return s && typeof s === 'object' ? s : {};
}

/** The servers of a Gateway. @internal */
export function _servers(gateway: _Obj): any[] {
  return Array.isArray(gateway.spec.servers) ? gateway.spec.servers.filter((s: any) => s && typeof s === 'object') : [];
}
