/**
 * VirtualService selection and HTTP route matching, as Istio builds and Envoy evaluates a route
 * table: one VirtualService per host (the most specific host, then the oldest; pilot/pkg/networking/core/httproute.go),
 * its `http` rules in order, the first whose `match` (any entry; every field of an entry) fits
 * (pilot/pkg/networking/core/route/route.go, https://istio.io/latest/docs/reference/config/networking/virtual-service/).
 */
import { _Registry, _sidecarImports } from './_registry';
import { _qualifyHost } from '../../core/_host';
import { _hostsMatch } from '../facts/_hosts';
import { _list } from '../facts/_values';
import { _Obj, _selects } from '../model';

/** The HTTP facts a route match reads. @internal */
export interface _RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  /** Header values by lower-cased name. */
  readonly headers: Record<string, string>;
  readonly authority: string;
  readonly scheme: string;
  readonly port: number;
  /** The client's labels and namespace (sourceLabels, sourceNamespace); undefined at a gateway. */
  readonly sourceLabels?: Record<string, string>;
  readonly sourceNamespace?: string;
  /** The gateway the request is at (`ns/name`), or `mesh`. */
  readonly gateway: string;
}

/** Where a VirtualService is asked for: the caller's namespace, its Sidecar, and the gateway binding. @internal */
export interface _RouteScope {
  readonly namespace: string;
  readonly sidecar?: _Obj;
  /** `mesh`, or the Istio Gateway as `ns/name`. */
  readonly gateway: string;
  readonly port: number;
  /**
   * At a gateway: whether the server's hosts admit a VirtualService of its namespace for a host. Istio keeps, per
   * server, only the VirtualServices its hosts admit before it merges routes per host
   * (pilot/pkg/networking/core/gateway.go), so one it does not admit never hides one it does.
   */
  readonly admits?: (vs: _Obj, host: string) => boolean;
}

/** True when a VirtualService's `gateways` entry names the binding (`mesh`, `ns/name`, or `name` in the VirtualService's namespace). */
function bindsTo(vs: _Obj, entry: string, gateway: string): boolean {
  if (gateway === 'mesh') return entry === 'mesh';
  return entry === gateway || `${vs.namespace}/${entry}` === gateway;
}

/** The VirtualService that routes `host` in a scope, with the host entry that matched; undefined when none. @internal */
export function _selectVirtualService(registry: _Registry, host: string, scope: _RouteScope): { vs: _Obj; host: string } | undefined {
  let best: { vs: _Obj; host: string; rank: number } | undefined;
  for (const entry of registry.virtualServicesFor(host)) {
    if (!entry.gateways.some((g) => bindsTo(entry.vs, g, scope.gateway))) continue;
    if (!registry.visible(entry.vs, scope.namespace)) continue;
    for (const h of entry.hosts) {
      if (!_hostsMatch(h, host) || (h.startsWith('*') && host.startsWith('*'))) continue;
      if (scope.sidecar && !_sidecarImports(scope.sidecar, entry.vs.namespace, h, scope.port)) continue;
      if (scope.admits && !scope.admits(entry.vs, h)) continue;
      const rank = h === host ? Number.MAX_SAFE_INTEGER : h.length;
      if (!best || rank > best.rank) best = { vs: entry.vs, host: h, rank };
    }
  }
  return best && { vs: best.vs, host: best.host };
}

/** Istio's StringMatch (exact, prefix, regex as an RE2 full match); an empty one matches any present value. @internal */
export function _stringMatch(m: any, value: string | undefined, ignoreCase = false): boolean {
  if (value === undefined) return false;
  if (!m || typeof m !== 'object') return true;
  const v = ignoreCase ? value.toLowerCase() : value;
  const c = (s: any) => (ignoreCase ? String(s).toLowerCase() : String(s));
  if (m.exact !== undefined) return v === c(m.exact);
  if (m.prefix !== undefined) return v.startsWith(c(m.prefix));
  if (m.regex !== undefined) {
    try {
      return new RegExp(`^(?:${m.regex})$`, ignoreCase ? 'i' : '').test(value);
    } catch {
      return false;
    }
  }
  return true;
}

/** True when one HTTPMatchRequest fits the request (every field it sets). @internal */
export function _matchFits(m: any, req: _RouteRequest, vsNamespace: string): boolean {
  if (!m || typeof m !== 'object') return true;
  if (m.uri && !_stringMatch(m.uri, req.path, m.ignoreUriCase === true)) return false;
  if (m.scheme && !_stringMatch(m.scheme, req.scheme)) return false;
  if (m.method && !_stringMatch(m.method, req.method)) return false;
  if (m.authority && !_stringMatch(m.authority, req.authority)) return false;
  for (const [name, sm] of Object.entries(m.headers ?? {})) if (!_stringMatch(sm, req.headers[name.toLowerCase()])) return false;
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {})) if (_stringMatch(sm, req.headers[name.toLowerCase()])) return false;
  for (const [name, sm] of Object.entries(m.queryParams ?? {})) if (!_stringMatch(sm, req.query[name])) return false;
  if (m.port !== undefined && Number(m.port) !== req.port) return false;
  if (m.sourceLabels && (!req.sourceLabels || !_selects(m.sourceLabels, req.sourceLabels))) return false;
  if (m.sourceNamespace !== undefined && m.sourceNamespace !== req.sourceNamespace) return false;
  if (Array.isArray(m.gateways) && m.gateways.length > 0 && !m.gateways.some((g: string) => g === req.gateway || `${vsNamespace}/${g}` === req.gateway)) return false;
  return true;
}

/** A weighted destination of a route. @internal */
export interface _RouteDestination {
  /** The FQDN (or ServiceEntry host) the route names. */
  readonly host: string;
  readonly subset?: string;
  readonly port?: number;
  /** Percent of requests. */
  readonly weight: number;
}

/** What a VirtualService does with the request. @internal */
export interface _RouteAction {
  readonly kind: 'no-route' | 'redirect' | 'direct' | 'abort' | 'route';
  readonly status?: number;
  readonly destinations: _RouteDestination[];
  /** `http[i]`, the rule that matched. */
  readonly where?: string;
  /** What else the rule does (partial faults, delays, mirrors, rewrites, retries), one sentence each. */
  readonly notes: string[];
  readonly decision: string;
}

/** Weights as Istio reads them: a lone destination takes 100; several without weights share equally. @internal */
export function _weights(routes: any[]): number[] {
  if (routes.length === 1) return [100];
  const given = routes.map((r) => (typeof r?.weight === 'number' ? r.weight : 0));
  const total = given.reduce((a, b) => a + b, 0);
  if (total === 0) return routes.map(() => 100 / routes.length);
  return given.map((w) => (w * 100) / total);
}

/** Retry conditions that resend a request the service may have acted on (it answered, or reset mid-request). */
const AFTER_THE_SERVICE_SAW_IT = ['5xx', 'gateway-error', 'reset', 'retriable-4xx', 'retriable-status-codes'];
/** Methods RFC 9110 does not call idempotent. */
const NON_IDEMPOTENT = ['POST', 'PATCH'];

/**
 * What a rule's explicit `retries` do with the request, as a clause of the route decision; empty without the field
 * (Istio's default then retries twice on connect-failure, refused-stream, unavailable, cancelled and retriable status
 * codes, none listed: failures before the service saw the request; pilot/pkg/networking/core/route/retry/retry.go).
 */
function retriesText(retries: any, method: string): string {
  if (!retries || typeof retries !== 'object') return '';
  const attempts = Number(retries.attempts ?? 2);
  if (attempts === 0) return '; retries: none (attempts: 0)';
  const on = String(retries.retryOn ?? 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes');
  const per = retries.perTryTimeout ? `, ${retries.perTryTimeout} per try` : '';
  const risky = on.split(',').map((c) => c.trim()).filter((c) => AFTER_THE_SERVICE_SAW_IT.includes(c)
    && (c !== 'retriable-status-codes' || _list(retries.retriableStatusCodes).length > 0 || /(^|,)\s*[0-9]{3}\s*(,|$)/.test(on)));
  const resend = risky.length > 0 && NON_IDEMPOTENT.includes(method.toUpperCase())
    ? `: a ${method.toUpperCase()} the service answered or reset (${risky.join(', ')}) is sent again, up to ${attempts} times` : '';
  return `; retries: up to ${attempts} more attempts on ${on}${per}${resend}`;
}

/** The percentage of a fault (`percentage.value`, default 100). */
function percentOf(fault: any): number {
  const value = fault?.percentage?.value;
  return typeof value === 'number' ? value : 100;
}

/** Evaluates the HTTP rules of a VirtualService against a request. @internal */
export function _routeHttp(vs: _Obj, req: _RouteRequest): _RouteAction {
  const rules = _list(vs.spec.http);
  for (const [i, rule] of rules.entries()) {
    const matches = _list(rule?.match);
    const which = matches.findIndex((m) => _matchFits(m, req, vs.namespace));
    if (matches.length > 0 && which < 0) continue;
    const where = `http[${i}]${matches.length > 0 ? `.match[${which}]` : ''}`;
    const named = rule?.name ? ` (${rule.name})` : '';
    const notes: string[] = [];
    if (rule?.redirect) {
      const status = Number(rule.redirect.redirectCode ?? 301);
      return { kind: 'redirect', status, destinations: [], where, notes, decision: `${where}${named} redirects with ${status}` };
    }
    if (rule?.directResponse) {
      const status = Number(rule.directResponse.status);
      return { kind: 'direct', status, destinations: [], where, notes, decision: `${where}${named} answers directly with ${status}` };
    }
    const abort = rule?.fault?.abort;
    if (abort) {
      const status = Number(abort.httpStatus ?? 503);
      const percent = percentOf(abort);
      if (percent >= 100) return { kind: 'abort', status, destinations: [], where, notes, decision: `${where}${named} fault-injects an abort with ${status} for every request` };
      if (percent > 0) notes.push(`fault injection aborts ${percent}% of these requests with ${status}; the others are delivered`);
    }
    const delay = rule?.fault?.delay;
    if (delay && percentOf(delay) > 0) notes.push(`fault injection delays ${percentOf(delay)}% of these requests by ${delay.fixedDelay ?? '?'}`);
    for (const m of [...(rule?.mirror ? [{ destination: rule.mirror, percentage: rule.mirrorPercentage }] : []), ..._list(rule?.mirrors)]) {
      const pct = m?.percentage?.value ?? 100;
      notes.push(`mirrors ${pct}% of these requests to ${_qualifyHost(String(m?.destination?.host ?? '?'), vs.namespace)}${m?.destination?.subset ? ` subset ${m.destination.subset}` : ''} (responses discarded)`);
    }
    if (rule?.rewrite) notes.push(`rewrites the request (${Object.keys(rule.rewrite).join(', ')}) before forwarding`);
    const routes = _list(rule?.route);
    if (routes.length === 0) {
      return { kind: 'no-route', status: 404, destinations: [], where, notes, decision: `${where}${named} has no route destination` };
    }
    const w = _weights(routes);
    const destinations = routes.map((r, k) => ({
      host: _qualifyHost(String(r?.destination?.host ?? '').toLowerCase(), vs.namespace),
      subset: r?.destination?.subset,
      port: r?.destination?.port?.number,
      weight: w[k],
    })).filter((d) => d.weight > 0);
    const text = destinations.map((d) => `${d.host}${d.subset ? ` subset ${d.subset}` : ''} ${round(d.weight)}%`).join(', ');
    return { kind: 'route', destinations, where, notes, decision: `${where}${named} routes to ${text}${retriesText(rule?.retries, req.method)}` };
  }
  return { kind: 'no-route', status: 404, destinations: [], notes: [], decision: `no http rule matches ${req.method} ${req.path}` };
}

/** What L4 routes (`tls`, `tcp`) match on. @internal */
export interface _L4Request {
  /** The SNI the client sends; undefined for plaintext TCP. */
  readonly sni?: string;
  readonly port: number;
  readonly gateway: string;
  readonly sourceLabels?: Record<string, string>;
  readonly sourceNamespace?: string;
}

/**
 * The first `tls` (by `sniHosts`) or `tcp` rule of a VirtualService that fits an L4 request (port,
 * sourceLabels, sourceNamespace, gateways), with its weighted destinations; undefined when none does.
 * @internal
 */
export function _routeL4(vs: _Obj, section: 'tls' | 'tcp', req: _L4Request): { destinations: _RouteDestination[]; decision: string } | undefined {
  for (const [i, rule] of _list(vs.spec[section]).entries()) {
    const matches = _list(rule?.match);
    const fits = (m: any) => (m?.port === undefined || Number(m.port) === req.port)
      && (section === 'tcp' || (req.sni !== undefined && _list(m?.sniHosts).some((h: string) => _hostsMatch(String(h).toLowerCase(), req.sni!))))
      && (!m?.sourceLabels || (req.sourceLabels !== undefined && _selects(m.sourceLabels, req.sourceLabels)))
      && (m?.sourceNamespace === undefined || m.sourceNamespace === req.sourceNamespace)
      && (_list(m?.gateways).length === 0 || _list(m.gateways).some((g: string) => g === req.gateway || `${vs.namespace}/${g}` === req.gateway));
    if (matches.length > 0 ? !matches.some(fits) : section === 'tls') continue;
    const routes = _list(rule?.route);
    const shares = _weights(routes);
    const destinations = routes.map((r, k) => ({
      host: _qualifyHost(String(r?.destination?.host ?? '').toLowerCase(), vs.namespace),
      subset: r?.destination?.subset,
      port: r?.destination?.port?.number,
      weight: shares[k],
    })).filter((d) => d.weight > 0);
    const text = destinations.map((d) => `${d.host}${d.subset ? ` subset ${d.subset}` : ''} ${round(d.weight)}%`).join(', ');
    return { destinations, decision: `${section}[${i}] routes to ${text}` };
  }
  return undefined;
}

/** A percent without float noise. @internal */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
