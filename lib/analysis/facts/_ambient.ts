/**
 * Ambient-mode facts the rules and the request trace share: which namespaces and workloads ztunnel captures, which Gateways
 * are waypoints, and which waypoint a namespace, Service, ServiceEntry or workload is bound to through
 * Istio's `istio.io/use-waypoint` labels.
 */
import { _DATAPLANE_MODE, _INJECTION_LABEL, _REV_LABEL, _SIDECAR_INJECT } from './_labels';
import { _workloadInAmbient } from './_workloads';
import { _MeshModel, _Obj, _Workload } from '../model';

/** The label that binds a namespace, Service, ServiceEntry or pod to a waypoint by name (`none` opts out). @internal */
export const _USE_WAYPOINT = 'istio.io/use-waypoint';
/** The label naming the namespace of the waypoint `istio.io/use-waypoint` names. @internal */
export const _USE_WAYPOINT_NAMESPACE = 'istio.io/use-waypoint-namespace';
/** The waypoint label saying which traffic it takes: `service` (default), `workload`, `all` or `none`. @internal */
export const _WAYPOINT_FOR = 'istio.io/waypoint-for';
/** The GatewayClass Istio installs for waypoints. @internal */
export const _WAYPOINT_CLASS = 'istio-waypoint';
/** The controller of Istio's waypoint GatewayClass. */
const MESH_CONTROLLER = 'istio.io/mesh-controller';
/** API group of the Gateway API. @internal */
export const _GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/**
 * True when a declared Namespace is in ambient mode (`istio.io/dataplane-mode=ambient`) and not also
 * labelled for sidecar injection, which takes precedence (Istio's own test). @internal
 */
export function _namespaceInAmbient(model: _MeshModel, namespace: string): boolean {
  const labels = model.namespaceLabels(namespace);
  if (!labels || labels[_INJECTION_LABEL] === 'enabled' || labels[_REV_LABEL]) return false;
  return labels[_DATAPLANE_MODE] === 'ambient';
}

/** True when the pod (template) runs a sidecar: an istio-proxy container with an image, or sidecar.istio.io/inject=true. */
function hasSidecar(w: _Workload): boolean {
  const containers: any[] = [...(w.podSpec?.containers ?? []), ...(w.podSpec?.initContainers ?? [])];
  if (containers.some((c) => c?.name === 'istio-proxy' && c?.image)) return true;
  return w.labels[_SIDECAR_INJECT] === 'true' || w.annotations[_SIDECAR_INJECT] === 'true';
}

/**
 * True when ztunnel will capture the workload's pods, as far as manifests tell: the pod is already
 * redirected (`ambient.istio.io/redirection=enabled`, set at run time), or labelled
 * `istio.io/dataplane-mode=ambient`, or sits in an ambient namespace; never when it opts out with
 * `istio.io/dataplane-mode=none` or runs a sidecar. @internal
 */
export function _workloadIsAmbient(model: _MeshModel, w: _Workload): boolean {
  if (_workloadInAmbient(w)) return true;
  const mode = w.labels[_DATAPLANE_MODE];
  if (mode === 'none' || hasSidecar(w)) return false;
  return mode === 'ambient' || _namespaceInAmbient(model, w.namespace);
}

/** True when a Gateway API Gateway is a waypoint: class istio-waypoint, or a GatewayClass of the app run by Istio's mesh controller. @internal */
export function _isWaypoint(model: _MeshModel, gateway: _Obj): boolean {
  const cls = gateway.spec.gatewayClassName;
  if (cls === _WAYPOINT_CLASS) return true;
  return model.ofKind('GatewayClass', _GATEWAY_API_GROUP).some((c) => c.name === cls && c.spec.controllerName === MESH_CONTROLLER);
}

/** Which traffic a waypoint takes (`istio.io/waypoint-for`, default `service`). @internal */
export function _waypointFor(gateway: _Obj): string {
  return gateway.labels[_WAYPOINT_FOR] ?? 'service';
}

/** A waypoint binding read off an object's labels. @internal */
export interface _WaypointRef {
  /** The object carrying the label. */
  readonly owner: _Obj;
  readonly name: string;
  readonly namespace: string;
}

/**
 * The waypoint an object's own labels bind it to; `'none'` for the opt-out; undefined without the label.
 * The waypoint's namespace is `istio.io/use-waypoint-namespace`, else the object's (a Namespace's own name).
 * @internal
 */
export function _waypointRef(owner: _Obj, labels: Record<string, string> = owner.labels): _WaypointRef | 'none' | undefined {
  const name = labels[_USE_WAYPOINT];
  if (name === undefined || name === '') return undefined;
  if (name === 'none') return 'none';
  const home = owner.kind === 'Namespace' && owner.group === '' ? owner.name : owner.namespace;
  return { owner, name, namespace: labels[_USE_WAYPOINT_NAMESPACE] || home };
}

/** The Gateway API Gateway a binding names, if the app defines it. @internal */
export function _gatewayOf(model: _MeshModel, ref: _WaypointRef): _Obj | undefined {
  return model.find('Gateway', ref.namespace, ref.name, _GATEWAY_API_GROUP);
}

/**
 * The binding that applies to a Service or ServiceEntry: its own label, else its namespace's; undefined
 * when neither binds it (or it opts out with `none`). @internal
 */
export function _serviceWaypointRef(model: _MeshModel, service: _Obj): _WaypointRef | undefined {
  const own = _waypointRef(service);
  if (own !== undefined) return own === 'none' ? undefined : own;
  const ns = model.ofKind('Namespace', '').find((n) => n.name === service.namespace);
  const inherited = ns ? _waypointRef(ns) : undefined;
  return inherited === 'none' ? undefined : inherited;
}

/** The waypoint Gateway of the app that takes a Service's (or ServiceEntry's) traffic, if any. @internal */
export function _serviceWaypoint(model: _MeshModel, service: _Obj): _Obj | undefined {
  const ref = _serviceWaypointRef(model, service);
  const gw = ref ? _gatewayOf(model, ref) : undefined;
  return gw && _isWaypoint(model, gw) && ['service', 'all'].includes(_waypointFor(gw)) ? gw : undefined;
}

/** True when some Service or ServiceEntry of a namespace, or the Namespace itself, is bound to a waypoint of the app. @internal */
export function _namespaceHasWaypoint(model: _MeshModel, namespace: string): boolean {
  const services = [...model.services, ...model.istio('ServiceEntry')].filter((s) => s.namespace === namespace);
  if (services.some((s) => _serviceWaypoint(model, s))) return true;
  const ns = model.ofKind('Namespace', '').find((n) => n.name === namespace);
  const ref = ns ? _waypointRef(ns) : undefined;
  return ref !== undefined && ref !== 'none' && _gatewayOf(model, ref) !== undefined;
}

/** A policy's targetRefs (and the older single targetRef), as a list. @internal */
export function _targetRefs(policy: _Obj): any[] {
  return [...(Array.isArray(policy.spec.targetRefs) ? policy.spec.targetRefs : []), ...(policy.spec.targetRef ? [policy.spec.targetRef] : [])];
}
