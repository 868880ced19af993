/**
 * The request-level model: built once per manifests set, it traces any number of requests the way
 * Istio 1.30's proxies handle them (docs/traffic.md). It reads manifests only, through the analysis' model.
 */
import { _ambientCall, _ingressToWaypoint } from './_ambient';
import { _Client, _dataplaneOf, _destinationRuleFor, _Http, _principal, _reachService, _serviceAccountOf, _speaksHttp } from './_destination';
import { _gatewayEntry } from './_gateway';
import { _meshRoutesFor, _routeWithHttpRoutes } from './_gateway-api';
import { _by, _Registry, _sidecarImports } from './_registry';
import { _parseSource, _parseUrl, _Caller } from './_request';
import { _RouteAction, _RouteDestination, _RouteRequest, _routeHttp, _routeL4, _selectVirtualService, round } from './_routing';
import { _Ending, _Onward, _Trace } from './_trace';
import { TraceBackend, TraceOptions, TraceOutcome, TraceRequest, TraceResult } from './request';
import { _DATAPLANE_MODE, _INJECTION_LABEL, _REV_LABEL } from '../facts/_labels';
import { _modeOf, _trafficPolicyTls } from '../facts/_mtls';
import { _MeshModel, _Obj, _selects, _Workload } from '../model';

/** The request-level model of one manifests set: build once, trace many requests. @internal */
export class _TraceModel implements _Onward {
  public readonly registry: _Registry;
  private bySourceAccount?: Map<string, _Workload[]>;

  constructor(manifests: any[] | _MeshModel, options: TraceOptions = {}) {
    const model = manifests instanceof _MeshModel ? manifests
      : new _MeshModel(manifests, { defaultNamespace: options.defaultNamespace, meshConfig: options.meshConfig });
    this.registry = new _Registry(model);
  }

  /** Traces one request. Throws on a malformed SOURCE or URL. */
  public trace(request: TraceRequest): TraceResult {
    const caller = _parseSource(request?.from);
    const url = _parseUrl(request?.url);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = String(v);
    const defaultPort = url.scheme === 'https' ? 443 : 80;
    const authority = url.port === defaultPort ? url.host : `${url.host}:${url.port}`;
    const t: _Trace = { caller, url, method: (request.method ?? 'GET').toUpperCase(), headers, authority, steps: [], l7: url.scheme === 'http' };
    let ending: _Ending;
    if (caller.kind === 'plain') ending = this.fromPlain(t);
    else if (caller.kind === 'gateway') ending = _gatewayEntry(this, t);
    else ending = this.fromPod(t);
    const reached = ending.outcome === TraceOutcome.DELIVERED || ending.outcome === TraceOutcome.PASSTHROUGH;
    return { outcome: ending.outcome, status: ending.status, backends: reached ? ending.backends : [], steps: t.steps };
  }

  /** The workload a `pod:` source names: its namespace, service account and labels; undefined when the manifests hold none. */
  public sourceWorkload(caller: _Caller): _Workload | undefined {
    // Workloads by namespace and service account, in manifest order: a scan per request made tracing quadratic.
    if (!this.bySourceAccount) {
      this.bySourceAccount = new Map();
      for (const w of this.registry.model.workloads) {
        const key = `${w.namespace}/${_serviceAccountOf(w)}`;
        const same = this.bySourceAccount.get(key);
        if (same) same.push(w);
        else this.bySourceAccount.set(key, [w]);
      }
    }
    return (this.bySourceAccount.get(`${caller.namespace}/${caller.serviceAccount}`) ?? []).find((w) => _selects(caller.labels, w.labels));
  }

  private fromPlain(t: _Trace, labels: Record<string, string> = t.caller.labels): _Ending {
    if (t.caller.kind === 'plain') {
      t.steps.push({ step: 'source', decision: `a client without Istio proxy in namespace ${t.caller.namespace}: plaintext, no identity, no mesh routing` });
    }
    const res = this.registry.resolve(t.url.host, t.caller.namespace);
    const target = res.target ?? res.hidden;
    if (!target || target.isServiceEntry) {
      t.steps.push({ step: 'resolve', decision: `${t.url.host} is not a Service of the manifests: the request leaves without the mesh` });
      return { outcome: TraceOutcome.PASSTHROUGH, backends: [{ host: t.url.host, weight: 100 }] };
    }
    t.steps.push({ step: 'resolve', decision: `${t.url.host} resolves (Kubernetes DNS, ${res.how}) to Service ${target.obj.namespace}/${target.obj.name}`, by: _by(target.obj) });
    const client: _Client = { proxy: 'none', namespace: t.caller.namespace, labels };
    return this.deliver(t, client, [{ host: target.host, weight: 100 }]);
  }

  private fromPod(t: _Trace): _Ending {
    const caller = t.caller;
    const w = this.sourceWorkload(caller);
    const labels = { ...(w?.labels ?? {}), ...caller.labels };
    const dataplane = w ? _dataplaneOf(this.registry, w) : this.namespaceDataplane(caller.namespace);
    const ambient = dataplane === 'ambient';
    const principal = _principal(this.registry, caller.namespace, caller.serviceAccount!);
    if (dataplane === 'none') {
      const who = w ? `${w.obj.kind} ${w.namespace}/${w.obj.name}` : `a pod of service account ${caller.serviceAccount} in ${caller.namespace}`;
      t.steps.push({
        step: 'source',
        decision: `${who} runs no Istio proxy (no injection or ambient label on it or its Namespace): it sends plaintext, without identity or mesh routing`,
        by: w ? who : `Namespace ${caller.namespace}`,
      });
      return this.fromPlain(t, labels);
    }
    t.steps.push({
      step: 'source',
      decision: `${w ? `${w.obj.kind} ${w.namespace}/${w.obj.name}` : `a pod of service account ${caller.serviceAccount} in ${caller.namespace}`} `
        + `with ${ambient ? 'ztunnel (ambient)' : 'an Istio sidecar'}, identity ${principal}`,
      by: w ? `${w.obj.kind} ${w.namespace}/${w.obj.name}` : undefined,
    });
    if (ambient) return _ambientCall(this, t, { proxy: 'ztunnel', namespace: caller.namespace, principal, labels });
    return this.fromSidecar(t, { proxy: 'sidecar', namespace: caller.namespace, principal, labels });
  }

  /** What a pod of a namespace runs when the manifests hold no workload for it: its declared Namespace's labels say; undeclared, a sidecar. */
  private namespaceDataplane(namespace: string): 'sidecar' | 'ambient' | 'none' {
    const labels = this.registry.model.namespaceLabels(namespace);
    if (!labels) return 'sidecar';
    if (labels[_INJECTION_LABEL] === 'enabled' || labels[_REV_LABEL]) return 'sidecar';
    return labels[_DATAPLANE_MODE] === 'ambient' ? 'ambient' : 'none';
  }

  /** The outbound side of a sidecar: scope, resolution, outbound traffic policy, routing. */
  private fromSidecar(t: _Trace, client: _Client): _Ending {
    const reg = this.registry;
    const sidecar = reg.sidecarFor(client.namespace, client.labels);
    if (sidecar) {
      const hosts = (Array.isArray(sidecar.spec.egress) ? sidecar.spec.egress : []).flatMap((e: any) => (Array.isArray(e?.hosts) ? e.hosts : []));
      const decision = hosts.length > 0 ? `the caller's Sidecar imports egress hosts ${hosts.join(', ')}` : 'the caller\'s Sidecar has no egress: it imports every host';
      t.steps.push({ step: 'sidecar-scope', decision, by: _by(sidecar) });
    }
    const res = reg.resolve(t.url.host, client.namespace);
    const scope = { namespace: client.namespace, sidecar, gateway: 'mesh', port: t.url.port };
    const vs = _selectVirtualService(reg, res.host, scope);
    const target = res.target;
    const imported = target && (!sidecar || _sidecarImports(sidecar, target.obj.namespace, target.host, t.url.port));
    const known = vs !== undefined || (target !== undefined && imported && target.ports.includes(t.url.port));
    if (!known) return this.outsideRegistry(t, client, sidecar, res.target ?? res.hidden, res.how);
    t.steps.push({ step: 'resolve', decision: `${t.url.host}:${t.url.port} is ${res.how}${target ? ` (${_by(target.obj)})` : ''}`, by: target ? _by(target.obj) : undefined });
    return this.route(t, client, res.host, vs?.vs, 'mesh');
  }

  /** A host the proxy has no route for: REGISTRY_ONLY blackholes it, ALLOW_ANY passes it through as plaintext. */
  private outsideRegistry(t: _Trace, client: _Client, sidecar: _Obj | undefined, target: any, how: string): _Ending {
    const own = sidecar?.spec.outboundTrafficPolicy?.mode;
    const mode = String(own ?? this.registry.model.meshConfig.outboundTrafficPolicy?.mode ?? 'ALLOW_ANY').toUpperCase();
    const by = own ? _by(sidecar!) : undefined;
    const why = target
      ? `${t.url.host}:${t.url.port} (${_by(target.obj)}) is not in the caller's registry (${sidecar ? 'not imported by the Sidecar\'s egress hosts, ' : ''}not exported to ${client.namespace}, or no such port)`
      : `${t.url.host}:${t.url.port} is not a host of the mesh's registry (${how})`;
    t.steps.push({ step: 'resolve', decision: why, by: sidecar ? _by(sidecar) : undefined });
    if (mode === 'REGISTRY_ONLY') {
      t.steps.push({ step: 'outbound-policy', decision: 'outboundTrafficPolicy REGISTRY_ONLY: the proxy sends it to the BlackHole cluster (502)', by });
      return { outcome: TraceOutcome.BLACKHOLED, status: 502, backends: [] };
    }
    t.steps.push({ step: 'outbound-policy', decision: 'outboundTrafficPolicy ALLOW_ANY: the proxy passes it through as plaintext, without routing or mTLS', by });
    if (!target || target.isServiceEntry) return { outcome: TraceOutcome.PASSTHROUGH, backends: [{ host: t.url.host, weight: 100 }] };
    return this.deliver(t, { ...client, proxy: 'none' }, [{ host: target.host, weight: 100 }]);
  }

  /** The routing of a proxy (sidecar, gateway or waypoint) for a host, with the VirtualService that routes it, if any. */
  public route(t: _Trace, client: _Client, host: string, vs: _Obj | undefined, gateway: string, sentBy?: string): _Ending {
    const target = this.registry.target(host, client.namespace);
    if (!vs) {
      const meshRoutes = target && !target.isServiceEntry && t.l7 ? _meshRoutesFor(this.registry, target.obj, client.namespace) : [];
      if (meshRoutes.length > 0) {
        const routed = _routeWithHttpRoutes(this.registry, meshRoutes, this.routeRequest(t, client, gateway));
        return this.apply(t, client, routed.action, routed.by, sentBy);
      }
      t.steps.push({ step: 'route', decision: `no VirtualService routes ${host}: the default route sends every request to it` });
      return this.deliver(t, client, [{ host, weight: 100 }], sentBy);
    }
    const servicePort = target && !target.isServiceEntry
      ? (Array.isArray(target.obj.spec.ports) ? target.obj.spec.ports : []).find((p: any) => Number(p?.port) === t.url.port) : undefined;
    if (!t.l7 || (servicePort && !_speaksHttp(servicePort))) {
      const l4 = {
        sni: t.l7 ? undefined : t.url.host,
        port: t.url.port,
        gateway,
        sourceLabels: client.proxy === 'sidecar' ? client.labels : undefined,
        sourceNamespace: client.proxy === 'sidecar' ? client.namespace : undefined,
      };
      const routed = (t.l7 ? undefined : _routeL4(vs, 'tls', l4)) ?? _routeL4(vs, 'tcp', l4);
      const what = t.l7 ? `port ${t.url.port} is not HTTP` : 'the proxy sees TLS, not HTTP';
      t.steps.push({
        step: 'route',
        decision: routed ? `${what}: ${routed.decision}` : `${what} and no tls or tcp rule fits: the default route sends it to ${host}`,
        by: _by(vs),
      });
      return this.deliver(t, client, routed?.destinations ?? [{ host, weight: 100 }], sentBy);
    }
    return this.apply(t, client, _routeHttp(vs, this.routeRequest(t, client, gateway)), _by(vs), sentBy);
  }

  /** The HTTP facts route matches read. */
  private routeRequest(t: _Trace, client: _Client, gateway: string): _RouteRequest {
    return {
      method: t.method,
      path: t.url.path,
      query: t.url.query,
      headers: t.headers,
      authority: t.authority,
      scheme: t.url.scheme,
      port: t.url.port,
      sourceLabels: client.proxy === 'sidecar' ? client.labels : undefined,
      sourceNamespace: client.proxy === 'sidecar' ? client.namespace : undefined,
      gateway,
    };
  }

  /** What a route (VirtualService or HTTPRoute) decided, as an ending: an answer of the proxy, or the weighted backends. */
  public apply(t: _Trace, client: _Client, action: _RouteAction, by: string, sentBy?: string): _Ending {
    t.steps.push({ step: 'route', decision: action.decision, by });
    for (const note of action.notes) t.steps.push({ step: 'route', decision: note, by });
    switch (action.kind) {
      case 'no-route': return { outcome: TraceOutcome.NO_ROUTE, status: action.status ?? 404, backends: [] };
      case 'redirect': return { outcome: TraceOutcome.REDIRECTED, status: action.status, backends: [] };
      case 'direct': return { outcome: TraceOutcome.DIRECT_RESPONSE, status: action.status, backends: [] };
      case 'abort': return { outcome: TraceOutcome.ABORTED, status: action.status, backends: [] };
      default: return this.deliver(t, client, action.destinations, sentBy);
    }
  }

  /** Sends the request to each weighted destination; the outcome is delivered only when every one with a share delivers. */
  public deliver(t: _Trace, client: _Client, destinations: _RouteDestination[], sentBy?: string): _Ending {
    const backends: TraceBackend[] = destinations.map((d) => ({ host: d.host, subset: d.subset, weight: round(d.weight) }));
    let failed: { outcome: TraceOutcome; status?: number } | undefined;
    const http: _Http | undefined = t.l7 ? { method: t.method, path: t.url.path, authority: t.authority, headers: t.headers } : undefined;
    for (const d of destinations) {
      const label = `${d.host}${d.subset ? ` subset ${d.subset}` : ''}`;
      if (destinations.length > 1) t.steps.push({ step: 'backend', decision: `${round(d.weight)}% of requests go to ${label}` });
      // A client without proxy reaches any Service DNS resolves; exportTo scopes only proxies' registries.
      const target = this.registry.target(d.host, client.namespace) ?? (client.proxy === 'none' ? this.registry.services.get(d.host) : undefined);
      if (!target) {
        t.steps.push({ step: 'destination', decision: `${d.host} is no Service or ServiceEntry the caller sees: the route's cluster does not exist (503)`, host: d.host });
        failed ??= { outcome: TraceOutcome.UNAVAILABLE, status: 503 };
        continue;
      }
      const port = d.port ?? (target.ports.length === 1 && !target.ports.includes(t.url.port) ? target.ports[0] : t.url.port);
      const verdict = target.isServiceEntry
        ? this.external(t, client, target, port)
        : client.proxy === 'ztunnel' || client.proxy === 'none'
          ? _reachService(this.registry, t.steps, client, target, undefined, port, http, sentBy)
          : _ingressToWaypoint(this, t, client, target, d.subset, port, http, sentBy);
      if (verdict.outcome !== TraceOutcome.DELIVERED && !failed) failed = verdict;
    }
    if (failed) return { outcome: failed.outcome, status: failed.status, backends };
    return { outcome: TraceOutcome.DELIVERED, backends };
  }

  private external(t: _Trace, client: _Client, target: any, port: number): { outcome: TraceOutcome; status?: number } {
    const se = target.obj as _Obj;
    const selector = se.spec.workloadSelector?.labels;
    if (selector && Object.keys(selector).length > 0) {
      const pods = this.registry.model.workloadsSelectedBy(se.namespace, selector);
      t.steps.push({ step: 'destination', decision: `ServiceEntry ${se.namespace}/${se.name} selects ${pods.length} workload(s) by label`, by: _by(se) });
      return pods.length > 0 ? { outcome: TraceOutcome.DELIVERED } : { outcome: TraceOutcome.UNAVAILABLE, status: 503 };
    }
    const location = String(se.spec.location ?? 'MESH_EXTERNAL').toUpperCase();
    const proxied = client.proxy === 'sidecar' || client.proxy === 'gateway' || client.proxy === 'waypoint';
    const dr = proxied ? _destinationRuleFor(this.registry, target.host, client.namespace, se.namespace, client.labels) : undefined;
    const tls = dr ? _modeOf(_trafficPolicyTls(dr.spec.trafficPolicy, port)?.tls) : undefined;
    if (dr && tls) {
      const what = tls === 'SIMPLE' || tls === 'MUTUAL' ? `originates TLS (${tls})` : tls === 'DISABLE' ? 'sends plaintext' : `uses TLS mode ${tls}`;
      t.steps.push({ step: 'mtls', decision: `towards ${target.host}:${port} the proxy ${what}`, by: _by(dr) });
    }
    t.steps.push({
      step: 'destination',
      decision: `${target.host}:${port} is ${location === 'MESH_INTERNAL' ? 'a mesh-internal' : 'an external'} ServiceEntry host (resolution ${se.spec.resolution ?? 'NONE'}); `
        + `${client.proxy === 'none' ? 'the client' : 'the proxy'} sends it on: what answers is outside the manifests`,
      by: _by(se),
    });
    return { outcome: TraceOutcome.DELIVERED };
  }
}
