/**
 * A request entering the mesh at an Istio gateway: the Gateway servers of the workload (selector,
 * port, hosts, protocol, TLS mode, httpsRedirect), then the VirtualServices bound to that Gateway.
 * Sources: https://istio.io/latest/docs/reference/config/networking/gateway/ ,
 * pilot/pkg/networking/core/gateway.go (servers by port, VirtualServices filtered by server hosts).
 */
import { _authorize } from './_authz-eval';
import { _Client, _principal } from './_destination';
import { _kubernetesGatewaysFor, _routesForListener, _routeWithHttpRoutes } from './_gateway-api';
import { _by } from './_registry';
import { _selectVirtualService } from './_routing';
import { _Ending, _Onward, _Trace } from './_trace';
import { TraceOutcome } from './request';
import { _targetRefs } from '../facts/_ambient';
import { _policiesApplying } from '../facts/_authz';
import { _hostsMatch } from '../facts/_hosts';
import { _list } from '../facts/_values';
import { _Obj, _selects, _Workload } from '../model';

/** A Gateway server host (`ns/host` or `host`) against a request host; `*` matches any. */
function serverHostFits(entry: string, host: string): boolean {
  const dns = (entry.includes('/') ? entry.slice(entry.indexOf('/') + 1) : entry).toLowerCase();
  return dns === '*' || _hostsMatch(dns, host);
}

/** True when a server host entry lets a VirtualService of `namespace` bind (`*` or `.` before the slash, or the namespace). */
function serverAdmits(gateway: _Obj, entry: string, namespace: string): boolean {
  if (!entry.includes('/')) return true;
  const ns = entry.slice(0, entry.indexOf('/'));
  return ns === '*' || (ns === '.' ? gateway.namespace === namespace : ns === namespace);
}

/**
 * The ports a gateway pod may listen on for a request to `port`: the port itself, and the targetPort of
 * the gateway's Service port (a Gateway server names the pod's port). When the manifests hold no Service
 * for the gateway, the mapping of Istio's default ingress gateway (manifests/charts/gateways/istio-ingress:
 * 80 to 8080, 443 to 8443), which is why Istio's samples listen on 8080.
 */
function podPorts(tm: _Onward, namespace: string, labels: Record<string, string>, port: number): number[] {
  const services = tm.registry.model.services.filter((s) => s.namespace === namespace && s.spec.selector
    && Object.keys(s.spec.selector).length > 0 && _selects(s.spec.selector, labels));
  if (services.length === 0) return [port, ...(port === 80 ? [8080] : port === 443 ? [8443] : [])];
  const targets = services.flatMap((s) => _list(s.spec.ports)).filter((p) => Number(p?.port) === port && typeof p?.targetPort === 'number').map((p) => Number(p.targetPort));
  return [...new Set([port, ...targets])];
}

/** The gateway's own AuthorizationPolicies for a client from outside (no identity); an ending when they deny. */
function gatewayAuthz(t: _Trace, policies: _Obj[], l7: boolean): _Ending | undefined {
  if (policies.length === 0) return undefined;
  const verdict = _authorize(policies, {
    http: l7 ? { method: t.method, path: t.url.path, authority: t.authority, headers: t.headers } : undefined,
    port: t.url.port,
  });
  for (const note of verdict.notes) t.steps.push({ step: 'authz', decision: note });
  t.steps.push({ step: 'authz', decision: `the gateway, for a client from outside (no mTLS identity): ${verdict.decision}`, by: verdict.by ? _by(verdict.by) : undefined });
  return verdict.allowed ? undefined : { outcome: TraceOutcome.DENIED, status: l7 ? 403 : undefined, backends: [] };
}

/**
 * A request at a Gateway API ingress Gateway (its pods labelled `gateway.networking.k8s.io/gateway-name`):
 * the listener on the port and hostname, the gateway's policies (selector or targetRefs), the attached HTTPRoutes.
 */
function kubernetesEntry(tm: _Onward, t: _Trace, g: _Obj, pod: _Workload, principal: string, labels: Record<string, string>): _Ending {
  const reg = tm.registry;
  const onPort = _list(g.spec.listeners).filter((l) => Number(l?.port) === t.url.port);
  if (onPort.length === 0) {
    t.steps.push({ step: 'gateway', decision: `no listener of ${_by(g)} is on port ${t.url.port}: connection refused`, by: _by(g) });
    return { outcome: TraceOutcome.RESET, backends: [] };
  }
  const listener = onPort.find((l) => !l.hostname || _hostsMatch(String(l.hostname).toLowerCase(), t.url.host));
  if (!listener) {
    t.steps.push({ step: 'gateway', decision: `no listener on port ${t.url.port} has hostname ${t.url.host}`, by: _by(g) });
    return { outcome: TraceOutcome.NO_ROUTE, status: t.url.scheme === 'http' ? 404 : undefined, backends: [] };
  }
  const protocol = String(listener.protocol ?? 'HTTP').toUpperCase();
  const tlsListener = protocol === 'HTTPS' || protocol === 'TLS';
  if ((t.url.scheme === 'https') !== tlsListener) {
    t.steps.push({ step: 'gateway', decision: `listener ${listener.name} speaks ${protocol}; the client's ${t.url.scheme} fails`, by: _by(g) });
    return { outcome: TraceOutcome.RESET, backends: [] };
  }
  if (protocol === 'TLS' || String(listener.tls?.mode ?? 'Terminate') === 'Passthrough') {
    t.steps.push({ step: 'gateway', decision: `listener ${listener.name} passes TLS through to TLSRoutes, which this model does not route`, by: _by(g) });
    return { outcome: TraceOutcome.NO_ROUTE, backends: [] };
  }
  t.steps.push({ step: 'gateway', decision: `listener ${listener.name} (${protocol} port ${t.url.port}${listener.hostname ? ` hostname ${listener.hostname}` : ''}) accepts ${t.url.host}`, by: _by(g) });
  const targeted = reg.model.istio('AuthorizationPolicy').filter((ap) => ap.namespace === g.namespace
    && _targetRefs(ap).some((ref) => ref?.kind === 'Gateway' && ref?.name === g.name));
  const denied = gatewayAuthz(t, [..._policiesApplying(reg.model, pod), ...targeted], true);
  if (denied) return denied;
  const routes = _routesForListener(reg, g, listener, t.url.host);
  if (routes.length === 0) {
    t.steps.push({ step: 'route', decision: `no HTTPRoute attached to listener ${listener.name} serves ${t.url.host}: 404`, by: _by(g) });
    return { outcome: TraceOutcome.NO_ROUTE, status: 404, backends: [] };
  }
  const client: _Client = { proxy: 'gateway', namespace: t.caller.namespace, principal, labels };
  const req = {
    method: t.method, path: t.url.path, query: t.url.query, headers: t.headers, authority: t.authority, scheme: t.url.scheme, port: t.url.port, gateway: `${g.namespace}/${g.name}`,
  };
  const routed = _routeWithHttpRoutes(reg, routes, req);
  return tm.apply(t, client, routed.action, routed.by, `gateway ${t.caller.namespace}/${t.caller.serviceAccount}`);
}

/** The request arriving at a gateway workload from outside. @internal */
export function _gatewayEntry(tm: _Onward, t: _Trace): _Ending {
  const reg = tm.registry;
  const caller = t.caller;
  const principal = _principal(reg, caller.namespace, caller.serviceAccount!);
  const w = tm.sourceWorkload(caller);
  const labels = { ...(w?.labels ?? {}), ...caller.labels };
  t.steps.push({ step: 'source', decision: `a request from outside at the gateway workload labelled ${JSON.stringify(caller.labels)} in ${caller.namespace}, identity ${principal}`, by: w ? `${w.obj.kind} ${w.namespace}/${w.obj.name}` : undefined });
  const gateways = reg.model.istio('Gateway').filter((g) => {
    const selector = g.spec.selector;
    return selector && typeof selector === 'object' && Object.keys(selector).length > 0 && _selects(selector, labels);
  });
  const kubernetes = _kubernetesGatewaysFor(reg, caller.namespace, labels);
  // The gateway's pod as the source names it, when the manifests do not hold it (an installed gateway).
  const metadata = { name: caller.serviceAccount!, namespace: caller.namespace, labels };
  const podObj: _Obj = {
    apiVersion: 'v1',
    group: '',
    version: 'v1',
    kind: 'Pod',
    name: metadata.name,
    declaredNamespace: metadata.namespace,
    namespace: metadata.namespace,
    labels,
    annotations: {},
    spec: {},
    raw: { apiVersion: 'v1', kind: 'Pod', metadata, spec: {} },
  };
  const gatewayPod: _Workload = w ?? { obj: podObj, namespace: caller.namespace, labels, annotations: {}, podSpec: {}, isPod: true };
  if (gateways.length === 0 && kubernetes.length > 0) return kubernetesEntry(tm, t, kubernetes[0], gatewayPod, principal, labels);
  const ports = podPorts(tm, caller.namespace, labels, t.url.port);
  const onPort = gateways.flatMap((g) => _list(g.spec.servers).filter((s) => ports.includes(Number(s?.port?.number))).map((s) => ({ g, s })));
  if (onPort.length === 0) {
    t.steps.push({ step: 'gateway', decision: `no Gateway server of this workload listens on port ${t.url.port}${gateways.length ? ` (Gateways: ${gateways.map(_by).join(', ')})` : ''}: connection refused` });
    return { outcome: TraceOutcome.RESET, backends: [] };
  }
  const server = onPort.find(({ s }) => _list(s.hosts).some((h) => serverHostFits(String(h), t.url.host)));
  if (!server) {
    t.steps.push({ step: 'gateway', decision: `no server on port ${t.url.port} lists host ${t.url.host}`, by: _by(onPort[0].g) });
    return { outcome: TraceOutcome.NO_ROUTE, status: t.url.scheme === 'http' ? 404 : undefined, backends: [] };
  }
  const { g, s } = server;
  const protocol = String(s.port?.protocol ?? 'HTTP').toUpperCase();
  const tlsMode = String(s.tls?.mode ?? 'SIMPLE').toUpperCase();
  const tlsServer = protocol === 'HTTPS' || protocol === 'TLS';
  const name = s.port?.name ? ` (${s.port.name})` : '';
  if (t.url.scheme === 'http' && tlsServer) {
    t.steps.push({ step: 'gateway', decision: `server port ${t.url.port}${name} expects ${protocol}; a plaintext request fails the TLS handshake`, by: _by(g) });
    return { outcome: TraceOutcome.RESET, backends: [] };
  }
  if (t.url.scheme === 'https' && !tlsServer) {
    t.steps.push({ step: 'gateway', decision: `server port ${t.url.port}${name} speaks ${protocol} in plaintext; the client's TLS handshake fails`, by: _by(g) });
    return { outcome: TraceOutcome.RESET, backends: [] };
  }
  // The gateway's own policies run in its HTTP filter chain, before routing (and so before a redirect).
  const passthroughTls = tlsServer && (tlsMode === 'PASSTHROUGH' || tlsMode === 'AUTO_PASSTHROUGH');
  const denied = gatewayAuthz(t, _policiesApplying(reg.model, gatewayPod), !passthroughTls);
  if (denied) return denied;
  if (t.url.scheme === 'http' && s.tls?.httpsRedirect === true) {
    t.steps.push({ step: 'gateway', decision: `server port ${t.url.port}${name} has tls.httpsRedirect: 301 to https`, by: _by(g) });
    return { outcome: TraceOutcome.REDIRECTED, status: 301, backends: [] };
  }
  const passthrough = passthroughTls;
  t.steps.push({
    step: 'gateway',
    decision: `server port ${t.url.port}${name} ${protocol} hosts ${JSON.stringify(_list(s.hosts))} accepts ${t.url.host}`
      + (tlsServer ? `; TLS ${tlsMode}${tlsMode === 'MUTUAL' || tlsMode === 'OPTIONAL_MUTUAL' ? ' (the client must present a certificate the gateway trusts, which manifests do not tell)' : ''}` : ''),
    by: _by(g),
  });
  const gatewayRef = `${g.namespace}/${g.name}`;
  const scope = { namespace: g.namespace, gateway: gatewayRef, port: t.url.port };
  const admits = (v: _Obj, host: string) => _list(s.hosts).some((h) => serverAdmits(g, String(h), v.namespace) && serverHostFits(String(h), host.startsWith('*') ? t.url.host : host));
  const vs = _selectVirtualService(reg, t.url.host, { ...scope, admits });
  if (!vs) {
    const bound = _selectVirtualService(reg, t.url.host, scope);
    t.steps.push({ step: 'route', decision: `no VirtualService bound to Gateway ${gatewayRef} routes ${t.url.host}${bound ? ` (${_by(bound.vs)} is not admitted by the server's hosts)` : ''}: 404`, by: _by(g) });
    return { outcome: TraceOutcome.NO_ROUTE, status: passthrough ? undefined : 404, backends: [] };
  }
  const client: _Client = { proxy: 'gateway', namespace: caller.namespace, principal, labels };
  // The gateway terminates TLS (SIMPLE, MUTUAL, ISTIO_MUTUAL) and routes HTTP, or passes it through by SNI.
  t.l7 = !passthrough;
  return tm.route(t, client, vs.host, vs.vs, gatewayRef, `gateway ${caller.namespace}/${caller.serviceAccount}`);
}
