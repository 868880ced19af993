/**
 * A request entering the mesh at an Istio gateway: the Gateway servers of the workload (selector,
 * port, hosts, protocol, TLS mode, httpsRedirect), then the VirtualServices bound to that Gateway.
 * Sources: https://istio.io/latest/docs/reference/config/networking/gateway/ ,
 * pilot/pkg/networking/core/gateway.go (servers by port, VirtualServices filtered by server hosts).
 */
import { _authorize } from './_authz-eval';
import { _Client, _principal } from './_destination';
import { _by } from './_registry';
import { _selectVirtualService } from './_routing';
import type { _Ending, _Trace, _TraceModel } from './_trace-model';
import { TraceOutcome } from './request';
import { _Obj, _selects, _Workload } from '../model';
import { _policiesApplying } from '../rules/mesh/_authz';
import { _hostsMatch } from '../rules/virtualservice/_hosts';

function list(value: any): any[] {
  return Array.isArray(value) ? value : [];
}

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

/** The request arriving at a gateway workload from outside. @internal */
export function _gatewayEntry(tm: _TraceModel, t: _Trace): _Ending {
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
  const onPort = gateways.flatMap((g) => list(g.spec.servers).filter((s) => Number(s?.port?.number) === t.url.port).map((s) => ({ g, s })));
  if (onPort.length === 0) {
    t.steps.push({ step: 'gateway', decision: `no Gateway server of this workload listens on port ${t.url.port}${gateways.length ? ` (Gateways: ${gateways.map(_by).join(', ')})` : ''}: connection refused` });
    return { outcome: TraceOutcome.RESET, backends: [] };
  }
  const server = onPort.find(({ s }) => list(s.hosts).some((h) => serverHostFits(String(h), t.url.host)));
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
  const gatewayPod: _Workload = w ?? {
    obj: { ...g, kind: 'Pod', name: caller.serviceAccount!, namespace: caller.namespace }, namespace: caller.namespace, labels, annotations: {}, podSpec: {}, isPod: true,
  };
  const policies = _policiesApplying(reg.model, gatewayPod);
  if (policies.length > 0) {
    const l7 = !passthroughTls;
    const verdict = _authorize(policies, {
      http: l7 ? { method: t.method, path: t.url.path, authority: t.authority, headers: t.headers } : undefined,
      port: t.url.port,
    });
    for (const note of verdict.notes) t.steps.push({ step: 'authz', decision: note });
    t.steps.push({ step: 'authz', decision: `the gateway, for a client from outside (no mTLS identity): ${verdict.decision}`, by: verdict.by ? _by(verdict.by) : undefined });
    if (!verdict.allowed) return { outcome: TraceOutcome.DENIED, status: l7 ? 403 : undefined, backends: [] };
  }
  if (t.url.scheme === 'http' && s.tls?.httpsRedirect === true) {
    t.steps.push({ step: 'gateway', decision: `server port ${t.url.port}${name} has tls.httpsRedirect: 301 to https`, by: _by(g) });
    return { outcome: TraceOutcome.REDIRECTED, status: 301, backends: [] };
  }
  const passthrough = passthroughTls;
  t.steps.push({
    step: 'gateway',
    decision: `server port ${t.url.port}${name} ${protocol} hosts ${JSON.stringify(list(s.hosts))} accepts ${t.url.host}`
      + (tlsServer ? `; TLS ${tlsMode}${tlsMode === 'MUTUAL' || tlsMode === 'OPTIONAL_MUTUAL' ? ' (the client must present a certificate the gateway trusts, which manifests do not tell)' : ''}` : ''),
    by: _by(g),
  });
  const gatewayRef = `${g.namespace}/${g.name}`;
  const vs = _selectVirtualService(reg, t.url.host, { namespace: g.namespace, gateway: gatewayRef, port: t.url.port });
  const admitted = vs && list(s.hosts).some((h) => serverAdmits(g, String(h), vs.vs.namespace) && serverHostFits(String(h), vs.host.startsWith('*') ? t.url.host : vs.host));
  if (!vs || !admitted) {
    t.steps.push({ step: 'route', decision: `no VirtualService bound to Gateway ${gatewayRef} routes ${t.url.host}${vs ? ` (${_by(vs.vs)} is not admitted by the server's hosts)` : ''}: 404`, by: _by(g) });
    return { outcome: TraceOutcome.NO_ROUTE, status: passthrough ? undefined : 404, backends: [] };
  }
  const client: _Client = { proxy: 'gateway', namespace: caller.namespace, principal, labels };
  // The gateway terminates TLS (SIMPLE, MUTUAL, ISTIO_MUTUAL) and routes HTTP, or passes it through by SNI.
  t.l7 = !passthrough;
  return tm.route(t, client, vs.host, vs.vs, gatewayRef, `gateway ${caller.namespace}/${caller.serviceAccount}`);
}
