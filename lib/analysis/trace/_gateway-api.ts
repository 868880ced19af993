/**
 * Gateway API routing: HTTPRoutes attached to an ingress Gateway (`gatewayClassName: istio`), and
 * GAMMA HTTPRoutes attached to a Service (`parentRefs` kind Service), which sidecars and waypoints
 * apply to the Service's traffic. Matching and precedence follow the HTTPRoute specification
 * (https://gateway-api.sigs.k8s.io/reference/spec/#httproutespec) as Istio converts it
 * (pilot/pkg/config/kube/gateway/conversion.go); https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/ .
 */
import { _by, _Registry } from './_registry';
import { _RouteAction, _RouteDestination, _RouteRequest, round } from './_routing';
import { _serviceFqdn } from '../../core/_host';
import { _GATEWAY_API_GROUP, _isWaypoint } from '../facts/_ambient';
import { _hostsMatch } from '../facts/_hosts';
import { _list } from '../facts/_values';
import { _Obj, _selects } from '../model';

/** The HTTPRoutes of the manifests. @internal */
export function _httpRoutes(reg: _Registry): _Obj[] {
  return reg.model.ofKind('HTTPRoute', _GATEWAY_API_GROUP);
}

/** The ingress Gateways (not waypoints) whose deployment carries these labels (`gateway.networking.k8s.io/gateway-name`). @internal */
export function _kubernetesGatewaysFor(reg: _Registry, namespace: string, labels: Record<string, string>): _Obj[] {
  const name = labels['gateway.networking.k8s.io/gateway-name'] ?? labels['istio.io/gateway-name'];
  if (!name) return [];
  return reg.model.ofKind('Gateway', _GATEWAY_API_GROUP).filter((g) => g.namespace === namespace && g.name === name && !_isWaypoint(reg.model, g));
}

/** True when a listener's allowedRoutes admits routes of a namespace (Same by default, All, or a namespace Selector). */
function admits(reg: _Registry, gateway: _Obj, listener: any, namespace: string): boolean {
  const from = String(listener?.allowedRoutes?.namespaces?.from ?? 'Same');
  if (from === 'All') return true;
  if (from === 'Selector') return _selects(listener.allowedRoutes.namespaces.selector?.matchLabels, reg.model.namespaceLabels(namespace) ?? {});
  return namespace === gateway.namespace;
}

/** Hostnames match: equal, or one's `*.` wildcard covering the other; none (undefined or empty) matches all. */
function hostnameFits(hostnames: string[], host: string): boolean {
  return hostnames.length === 0 || hostnames.some((h) => _hostsMatch(h.toLowerCase(), host));
}

/** The HTTPRoutes attached to a listener of an ingress Gateway that serve a host, in manifest order. @internal */
export function _routesForListener(reg: _Registry, gateway: _Obj, listener: any, host: string): _Obj[] {
  return _httpRoutes(reg).filter((route) => _list(route.spec.parentRefs).some((ref) => {
    if ((ref?.kind ?? 'Gateway') !== 'Gateway' || (ref?.group ?? _GATEWAY_API_GROUP) !== _GATEWAY_API_GROUP) return false;
    if (ref.name !== gateway.name || (ref.namespace ?? route.namespace) !== gateway.namespace) return false;
    if (ref.sectionName !== undefined && ref.sectionName !== listener.name) return false;
    if (ref.port !== undefined && Number(ref.port) !== Number(listener.port)) return false;
    return admits(reg, gateway, listener, route.namespace);
  }) && hostnameFits(_list(route.spec.hostnames).map(String), host));
}

/**
 * The GAMMA HTTPRoutes for a Service as a client in `namespace` sees them: producer routes (in the
 * Service's namespace) and consumer routes (in the client's), consumer first. @internal
 */
export function _meshRoutesFor(reg: _Registry, service: _Obj, namespace: string): _Obj[] {
  const attached = _httpRoutes(reg).filter((route) => _list(route.spec.parentRefs).some((ref) =>
    ref?.kind === 'Service' && (ref?.group ?? '') === '' && ref.name === service.name && (ref.namespace ?? route.namespace) === service.namespace
    && (ref.port === undefined || _list(service.spec.ports).some((p) => Number(p?.port) === Number(ref.port)))));
  const consumer = attached.filter((r) => r.namespace === namespace && namespace !== service.namespace);
  return consumer.length > 0 ? consumer : attached.filter((r) => r.namespace === service.namespace);
}

function stringFits(m: any, value: string | undefined, defaultType: string): boolean {
  if (value === undefined) return false;
  const type = String(m?.type ?? defaultType);
  if (type === 'RegularExpression') {
    try {
      return new RegExp(`^(?:${m.value})$`).test(value);
    } catch {
      return false;
    }
  }
  return value === String(m?.value);
}

/** PathPrefix matches whole segments: `/api` matches `/api` and `/api/x`, not `/apix`. */
function pathFits(path: any, value: string): boolean {
  const type = String(path?.type ?? 'PathPrefix');
  const want = String(path?.value ?? '/');
  if (type === 'Exact') return value === want;
  if (type === 'RegularExpression') return stringFits({ type, value: want }, value, 'Exact');
  const prefix = want.endsWith('/') && want.length > 1 ? want.slice(0, -1) : want;
  return prefix === '/' || value === prefix || value.startsWith(`${prefix}/`);
}

function matchFits(m: any, req: _RouteRequest): boolean {
  if (!pathFits(m?.path, req.path)) return false;
  if (m?.method !== undefined && String(m.method).toUpperCase() !== req.method) return false;
  for (const h of _list(m?.headers)) if (!stringFits(h, req.headers[String(h?.name).toLowerCase()], 'Exact')) return false;
  for (const q of _list(m?.queryParams)) if (!stringFits(q, req.query[String(q?.name)], 'Exact')) return false;
  return true;
}

/** The rank of a match in Gateway API precedence: Exact path, longest path, method, most headers, most query params. */
function rank(m: any): number[] {
  const type = String(m?.path?.type ?? 'PathPrefix');
  return [type === 'Exact' ? 1 : 0, String(m?.path?.value ?? '/').length, m?.method ? 1 : 0, _list(m?.headers).length, _list(m?.queryParams).length];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
}

/**
 * Routes a request with HTTPRoutes: of every rule's matches that fit (a rule without matches is
 * `PathPrefix /`), the highest in precedence wins, ties to the first route. Its RequestRedirect answers
 * (302 by default); else its backendRefs, weighted (default weight 1). @internal
 */
export function _routeWithHttpRoutes(reg: _Registry, routes: _Obj[], req: _RouteRequest): { action: _RouteAction; by: string } {
  let best: { route: _Obj; rule: any; r: number; m: number; rank: number[] } | undefined;
  for (const route of routes) {
    for (const [r, rule] of _list(route.spec.rules).entries()) {
      const matches = _list(rule?.matches).length > 0 ? _list(rule.matches) : [{}];
      for (const [m, match] of matches.entries()) {
        if (!matchFits(match, req)) continue;
        const k = rank(match);
        if (!best || compare(k, best.rank) < 0) best = { route, rule, r, m, rank: k };
      }
    }
  }
  if (!best) {
    return {
      action: { kind: 'no-route', status: 404, destinations: [], notes: [], decision: `no HTTPRoute rule matches ${req.method} ${req.path}` },
      by: routes[0] ? _by(routes[0]) : '',
    };
  }
  const { route, rule, r, m } = best;
  const where = `rules[${r}].matches[${m}]`;
  const notes: string[] = [];
  const filters = _list(rule?.filters);
  const redirect = filters.find((f) => f?.type === 'RequestRedirect');
  if (redirect) {
    const status = Number(redirect.requestRedirect?.statusCode ?? 302);
    return { action: { kind: 'redirect', status, destinations: [], where, notes, decision: `${where} redirects with ${status}` }, by: _by(route) };
  }
  for (const f of filters.filter((x) => x?.type && x.type !== 'RequestRedirect')) notes.push(`filter ${f.type} applies before forwarding`);
  const refs = _list(rule?.backendRefs).filter((b) => (b?.kind ?? 'Service') === 'Service' && (b?.group ?? '') === '');
  const total = refs.reduce((sum, b) => sum + (typeof b?.weight === 'number' ? b.weight : 1), 0);
  if (refs.length === 0 || total === 0) {
    return { action: { kind: 'no-route', status: 500, destinations: [], where, notes, decision: `${where} has no Service backend: 500` }, by: _by(route) };
  }
  const destinations: _RouteDestination[] = refs.map((b) => ({
    host: _serviceFqdn(b.name, b.namespace ?? route.namespace),
    port: b.port !== undefined ? Number(b.port) : undefined,
    weight: ((typeof b.weight === 'number' ? b.weight : 1) * 100) / total,
  })).filter((d) => d.weight > 0);
  for (const b of refs.filter((x) => x.namespace && x.namespace !== route.namespace)) {
    if (!granted(reg, route, b.namespace, b.name)) {
      return {
        action: { kind: 'no-route', status: 500, destinations: [], where, notes, decision: `${where} refers to Service ${b.namespace}/${b.name} without a ReferenceGrant in ${b.namespace}: 500` },
        by: _by(route),
      };
    }
  }
  const text = destinations.map((d) => `${d.host} ${round(d.weight)}%`).join(', ');
  return { action: { kind: 'route', destinations, where, notes, decision: `${where} routes to ${text}` }, by: _by(route) };
}

/** True when a ReferenceGrant in the target namespace lets HTTPRoutes of the route's namespace refer to the Service. */
function granted(reg: _Registry, route: _Obj, namespace: string, name: string): boolean {
  return reg.model.ofKind('ReferenceGrant', _GATEWAY_API_GROUP).some((g) => g.namespace === namespace
    && _list(g.spec.from).some((f) => f?.kind === 'HTTPRoute' && f?.namespace === route.namespace && (f?.group ?? _GATEWAY_API_GROUP) === _GATEWAY_API_GROUP)
    && _list(g.spec.to).some((tt) => (tt?.kind ?? '') === 'Service' && (tt?.group ?? '') === '' && (tt?.name === undefined || tt.name === name)));
}
