/**
 * Ambient mode: ztunnel carries a pod's traffic at L4 (HBONE mTLS, L4 policy); a Service bound to a
 * waypoint (`istio.io/use-waypoint`) is routed and authorized at L7 by the waypoint, whose identity
 * the destination ztunnel then sees. Gateways skip the waypoint unless the Service or its namespace
 * says `istio.io/ingress-use-waypoint: "true"`.
 * Sources: https://istio.io/latest/docs/ambient/usage/waypoint/ , https://istio.io/latest/docs/ambient/usage/l4-policy/ ,
 * https://istio.io/latest/docs/ambient/usage/l7-features/ , pilot/pkg/serviceregistry/kube/controller/ambient.
 */
import { _authorize } from './_authz-eval';
import { _BackendVerdict, _Client, _dataplaneOf, _Http, _principal, _reachService, _speaksHttp } from './_destination';
import { _meshRoutesFor } from './_gateway-api';
import { _by, _Target } from './_registry';
import { _selectVirtualService } from './_routing';
import { _Ending, _Onward, _Trace } from './_trace';
import { TraceOutcome } from './request';
import { _serviceWaypoint, _targetRefs, _WAYPOINT_CLASS } from '../facts/_ambient';
import { _workloadsOfService } from '../facts/_workloads';
import { _Obj } from '../model';

const INGRESS_USE_WAYPOINT = 'istio.io/ingress-use-waypoint';

/** The AuthorizationPolicies a waypoint enforces for a Service: targetRefs to the Service, to the waypoint, or to its GatewayClass from the root namespace. */
function waypointPolicies(tm: _Onward, svc: _Obj, waypoint: _Obj): _Obj[] {
  const model = tm.registry.model;
  return model.istio('AuthorizationPolicy').filter((ap) => _targetRefs(ap).some((ref) => {
    const kind = String(ref?.kind ?? '');
    if (kind === 'Service' || kind === 'ServiceEntry') return ap.namespace === svc.namespace && ref.name === svc.name && kind === svc.kind;
    if (kind === 'Gateway') return ap.namespace === waypoint.namespace && ref.name === waypoint.name;
    if (kind === 'GatewayClass') return ap.namespace === model.rootNamespace && ref.name === _WAYPOINT_CLASS;
    return false;
  }));
}

/** The request through a Service's waypoint: L7 policy there, then on to the pods with the waypoint's identity. */
function viaWaypoint(
  tm: _Onward, t: _Trace, client: _Client, target: _Target, waypoint: _Obj, subset: string | undefined, port: number, http: _Http | undefined,
): _BackendVerdict {
  const reg = tm.registry;
  const svc = target.obj;
  const servicePort = (Array.isArray(svc.spec.ports) ? svc.spec.ports : []).find((p: any) => Number(p?.port) === port);
  const l7 = servicePort && _speaksHttp(servicePort) ? http : undefined;
  t.steps.push({ step: 'waypoint', decision: `${target.host} is bound to waypoint ${waypoint.namespace}/${waypoint.name} (istio.io/use-waypoint): it takes the request over HBONE`, by: _by(waypoint) });
  const principal = client.proxy === 'none' ? undefined : client.principal;
  const verdict = _authorize(waypointPolicies(tm, svc, waypoint), {
    principal,
    namespace: principal ? /\/ns\/([^/]+)\//.exec(principal)?.[1] : undefined,
    http: l7,
    port,
  });
  for (const note of verdict.notes) t.steps.push({ step: 'authz', decision: note });
  t.steps.push({ step: 'authz', decision: `the waypoint (L7${l7 ? '' : ', but the port is not HTTP'}): ${verdict.decision}`, by: verdict.by ? _by(verdict.by) : _by(waypoint) });
  if (!verdict.allowed) return { outcome: TraceOutcome.DENIED, status: l7 ? 403 : undefined };
  const wpClient: _Client = { proxy: 'waypoint', namespace: waypoint.namespace, principal: _principal(reg, waypoint.namespace, waypoint.name), labels: {} };
  return _reachService(reg, t.steps, wpClient, target, subset, port, http, `waypoint ${waypoint.namespace}/${waypoint.name}`);
}

/** True when the Service's waypoint also takes traffic from gateways (`istio.io/ingress-use-waypoint`, on the Service or its namespace). */
function ingressUsesWaypoint(tm: _Onward, svc: _Obj): boolean {
  // The Service's label, else its namespace's (pilot/pkg/serviceregistry/ambient/services.go ingressUseWaypointFromLabels).
  const value = svc.labels[INGRESS_USE_WAYPOINT] ?? tm.registry.model.namespaceLabels(svc.namespace)?.[INGRESS_USE_WAYPOINT];
  return String(value ?? '').toLowerCase() === 'true';
}

/** The waypoint that takes a Service's traffic, when its pods are ambient. */
function waypointOf(tm: _Onward, target: _Target): _Obj | undefined {
  const waypoint = _serviceWaypoint(tm.registry.model, target.obj);
  if (!waypoint) return undefined;
  const pods = _workloadsOfService(tm.registry.model, target.obj);
  return pods.length === 0 || pods.some((w) => _dataplaneOf(tm.registry, w) === 'ambient') ? waypoint : undefined;
}

/**
 * A Service reached from a sidecar, gateway or waypoint: through its waypoint when it has one (a gateway
 * only with `istio.io/ingress-use-waypoint`), else straight to its pods. @internal
 */
export function _ingressToWaypoint(
  tm: _Onward, t: _Trace, client: _Client, target: _Target, subset: string | undefined, port: number, http: _Http | undefined, sentBy?: string,
): _BackendVerdict {
  const waypoint = client.proxy === 'waypoint' ? undefined : waypointOf(tm, target);
  if (waypoint && client.proxy === 'gateway' && !ingressUsesWaypoint(tm, target.obj)) {
    t.steps.push({ step: 'waypoint', decision: `${target.host} has waypoint ${waypoint.namespace}/${waypoint.name}, but a gateway skips it without ${INGRESS_USE_WAYPOINT}: "true" on the Service or namespace; its L7 policy is not applied`, by: _by(target.obj) });
  } else if (waypoint) {
    return viaWaypoint(tm, t, client, target, waypoint, subset, port, http);
  }
  return _reachService(tm.registry, t.steps, client, target, subset, port, http, sentBy);
}

/** A request from an ambient pod: ztunnel resolves the host; a waypoint routes it at L7, else ztunnel sends it at L4. @internal */
export function _ambientCall(tm: _Onward, t: _Trace, client: _Client): _Ending {
  const reg = tm.registry;
  const res = reg.resolve(t.url.host, client.namespace);
  const target = res.target;
  if (!target || (!target.isServiceEntry && !target.ports.includes(t.url.port))) {
    t.steps.push({ step: 'resolve', decision: `${t.url.host}:${t.url.port} is not a Service or ServiceEntry port of the mesh: ztunnel passes it through (no mTLS, no policy)` });
    return { outcome: TraceOutcome.PASSTHROUGH, backends: [{ host: t.url.host, weight: 100 }] };
  }
  t.steps.push({ step: 'resolve', decision: `${t.url.host}:${t.url.port} is ${res.how}`, by: _by(target.obj) });
  const http: _Http | undefined = t.l7 ? { method: t.method, path: t.url.path, authority: t.authority, headers: t.headers } : undefined;
  const waypoint = target.isServiceEntry ? _serviceWaypoint(reg.model, target.obj) : waypointOf(tm, target);
  if (!waypoint) {
    t.steps.push({ step: 'route', decision: `no waypoint for ${target.host}: ztunnel sends it at L4; VirtualService http routes do not apply` });
    return tm.deliver(t, client, [{ host: target.host, weight: 100 }]);
  }
  // The waypoint authorizes (L7) and routes; the pods then see the waypoint's identity.
  const wpVerdict = viaWaypointRouting(tm, t, client, target, waypoint, http);
  return wpVerdict;
}

function viaWaypointRouting(tm: _Onward, t: _Trace, client: _Client, target: _Target, waypoint: _Obj, http: _Http | undefined): _Ending {
  const reg = tm.registry;
  const svc = target.obj;
  const vs = _selectVirtualService(reg, target.host, { namespace: client.namespace, gateway: 'mesh', port: t.url.port });
  if (!vs && (!http || _meshRoutesFor(reg, svc, client.namespace).length === 0)) {
    const verdict = viaWaypoint(tm, t, client, target, waypoint, undefined, t.url.port, http);
    return { outcome: verdict.outcome, status: verdict.status, backends: [{ host: target.host, weight: 100 }] };
  }
  const gate = viaWaypointAuthzOnly(tm, t, client, svc, waypoint, http);
  if (gate) return gate;
  const wpClient: _Client = { proxy: 'waypoint', namespace: waypoint.namespace, principal: _principal(reg, waypoint.namespace, waypoint.name), labels: {} };
  return tm.route(t, wpClient, target.host, vs?.vs, 'mesh', `waypoint ${waypoint.namespace}/${waypoint.name}`);
}

/** The waypoint's L7 authorization alone (before its routing); an ending when it denies. */
function viaWaypointAuthzOnly(tm: _Onward, t: _Trace, client: _Client, svc: _Obj, waypoint: _Obj, http: _Http | undefined): _Ending | undefined {
  t.steps.push({ step: 'waypoint', decision: `${svc.name}.${svc.namespace} is bound to waypoint ${waypoint.namespace}/${waypoint.name} (istio.io/use-waypoint): it takes the request over HBONE`, by: _by(waypoint) });
  const verdict = _authorize(waypointPolicies(tm, svc, waypoint), {
    principal: client.principal,
    namespace: client.principal ? /\/ns\/([^/]+)\//.exec(client.principal)?.[1] : undefined,
    http,
    port: t.url.port,
  });
  for (const note of verdict.notes) t.steps.push({ step: 'authz', decision: note });
  t.steps.push({ step: 'authz', decision: `the waypoint (L7): ${verdict.decision}`, by: verdict.by ? _by(verdict.by) : _by(waypoint) });
  return verdict.allowed ? undefined : { outcome: TraceOutcome.DENIED, status: http ? 403 : undefined, backends: [] };
}
