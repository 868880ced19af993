/**
 * What a proxy's registry holds, built once per manifests set: Services and ServiceEntries by host
 * with their exportTo, VirtualServices and DestinationRules by host, and the Sidecar that scopes each
 * workload. Visibility follows pilot/pkg/model/push_context.go (exportTo) and pilot/pkg/model/sidecar.go.
 */
import { _CLUSTER_DOMAIN, _qualifyHost, _serviceFqdn } from '../../core/_host';
import { _hostsMatch } from '../facts/_hosts';
import { _list } from '../facts/_values';
import { _MeshModel, _Obj, _selects } from '../model';

/** A registry entry: a Service or a ServiceEntry reachable under a host. @internal */
export interface _Target {
  readonly obj: _Obj;
  /** The host the registry knows it by (an FQDN for Services). */
  readonly host: string;
  /** Its port numbers. */
  readonly ports: number[];
  readonly isServiceEntry: boolean;
}

/** How the request's host resolved. @internal */
export interface _Resolution {
  /** The host as the registry names it (an FQDN for a Service), or the host as dialled when unknown. */
  readonly host: string;
  readonly target?: _Target;
  /** A Service or ServiceEntry of that name exists but is not exported to the caller's namespace. */
  readonly hidden?: _Target;
  /** How the name was read (`short name in namespace web`, `ServiceEntry host *.example.com` ...). */
  readonly how: string;
}

const SUFFIX = `svc.${_CLUSTER_DOMAIN}`;

/** `<Kind> <namespace>/<name>` of an object, as steps name it. @internal */
export function _by(obj: _Obj): string {
  return `${obj.kind} ${obj.namespace}/${obj.name}`;
}

/** The exportTo of an object: its spec (or the Service annotation), else the mesh default, else `*`. */
function exportToOf(obj: _Obj, meshConfig: any): string[] {
  if (obj.kind === 'Service' && obj.group === '') {
    const anno = obj.annotations['networking.istio.io/exportTo'];
    if (anno) return anno.split(',').map((s) => s.trim()).filter(Boolean);
    return _list(meshConfig.defaultServiceExportTo).map(String);
  }
  const own = _list(obj.spec.exportTo).map(String);
  if (own.length > 0) return own;
  const key = { ServiceEntry: 'defaultServiceExportTo', VirtualService: 'defaultVirtualServiceExportTo', DestinationRule: 'defaultDestinationRuleExportTo' }[obj.kind];
  return key ? _list(meshConfig[key]).map(String) : [];
}

/**
 * Objects of one kind without those a later manifest of the same namespace and name replaces, as
 * `kubectl apply` of the files in order leaves them (Istio's tasks apply a new VirtualService over the old).
 */
function applied(objects: readonly _Obj[]): _Obj[] {
  const last = new Map<string, _Obj>();
  for (const o of objects) last.set(`${o.namespace}/${o.name}`, o);
  return objects.filter((o) => last.get(`${o.namespace}/${o.name}`) === o);
}

/** The registry of one manifests set. @internal */
export class _Registry {
  public readonly services = new Map<string, _Target>();
  private readonly seExact = new Map<string, _Target[]>();
  private readonly seWildcards: _Target[] = [];
  public readonly virtualServices: { vs: _Obj; hosts: string[]; gateways: string[] }[] = [];
  public readonly destinationRules: { dr: _Obj; host: string }[] = [];
  private readonly sidecars: _Obj[];
  /** VirtualServices and DestinationRules by exact host, and those with a wildcard host, so a lookup does not scan them all. */
  private readonly vsByHost = new Map<string, _Registry['virtualServices']>();
  private readonly vsWildcards: _Registry['virtualServices'] = [];
  private readonly vsOrder = new Map<_Registry['virtualServices'][number], number>();
  private readonly drByHost = new Map<string, _Registry['destinationRules']>();
  private readonly drWildcards: _Registry['destinationRules'] = [];
  private readonly exports = new Map<_Obj, string[]>();

  constructor(public readonly model: _MeshModel) {
    for (const svc of model.services) {
      const host = _serviceFqdn(svc.name, svc.namespace);
      if (!this.services.has(host)) {
        this.services.set(host, { obj: svc, host, ports: _list(svc.spec.ports).map((p) => Number(p?.port)), isServiceEntry: false });
      }
    }
    for (const se of applied(model.istio('ServiceEntry'))) {
      for (const h of _list(se.spec.hosts).map((x) => String(x).toLowerCase())) {
        const target = { obj: se, host: h, ports: _list(se.spec.ports).map((p) => Number(p?.number)), isServiceEntry: true };
        if (h.startsWith('*')) this.seWildcards.push(target);
        else this.seExact.set(h, [...(this.seExact.get(h) ?? []), target]);
      }
    }
    for (const vs of applied(model.istio('VirtualService'))) {
      const gateways = _list(vs.spec.gateways).map(String);
      this.virtualServices.push({
        vs,
        hosts: _list(vs.spec.hosts).map((h) => _qualifyHost(String(h).toLowerCase(), vs.namespace)),
        gateways: gateways.length > 0 ? gateways : ['mesh'],
      });
    }
    for (const dr of applied(model.istio('DestinationRule'))) {
      if (typeof dr.spec.host === 'string') this.destinationRules.push({ dr, host: _qualifyHost(dr.spec.host.toLowerCase(), dr.namespace) });
    }
    this.sidecars = applied(model.istio('Sidecar'));
    for (const [at, entry] of this.virtualServices.entries()) {
      this.vsOrder.set(entry, at);
      for (const h of new Set(entry.hosts)) {
        if (h.startsWith('*')) {
          if (this.vsWildcards[this.vsWildcards.length - 1] !== entry) this.vsWildcards.push(entry);
        } else {
          this.vsByHost.set(h, [...(this.vsByHost.get(h) ?? []), entry]);
        }
      }
    }
    for (const entry of this.destinationRules) {
      if (entry.host.startsWith('*')) this.drWildcards.push(entry);
      else this.drByHost.set(entry.host, [...(this.drByHost.get(entry.host) ?? []), entry]);
    }
  }

  /** The VirtualServices that may route a (non-wildcard) host: those naming it, and those with a wildcard host; in manifest order. */
  public virtualServicesFor(host: string): _Registry['virtualServices'] {
    const exact = this.vsByHost.get(host) ?? [];
    if (this.vsWildcards.length === 0) return exact;
    const order = this.vsOrder;
    return [...new Set([...exact, ...this.vsWildcards])].sort((a, b) => order.get(a)! - order.get(b)!);
  }

  /** The DestinationRules whose host may cover a (non-wildcard) host: exact ones, then wildcards. */
  public destinationRulesFor(host: string): _Registry['destinationRules'] {
    return [...(this.drByHost.get(host) ?? []), ...this.drWildcards];
  }

  /** True when an object is exported to a namespace (exportTo `*`, `.`, `~` or namespace names). */
  public visible(obj: _Obj, namespace: string): boolean {
    let exportTo = this.exports.get(obj);
    if (!exportTo) this.exports.set(obj, exportTo = exportToOf(obj, this.model.meshConfig));
    if (exportTo.length === 0 || exportTo.includes('*')) return true;
    return exportTo.some((e) => (e === '.' ? obj.namespace === namespace : e === namespace));
  }

  /**
   * Resolves a host as a client in `namespace` dials it: a ServiceEntry host as written, then the
   * Kubernetes forms (short name in the caller's namespace, `name.ns`, `name.ns.svc`, the FQDN), then
   * the most specific wildcard ServiceEntry host. Only entries exported to the namespace count.
   */
  public resolve(host: string, namespace: string): _Resolution {
    const h = host.toLowerCase();
    let hidden: _Target | undefined;
    const pick = (targets: _Target[]) => {
      const seen = targets.find((t) => this.visible(t.obj, namespace));
      if (!seen && targets.length > 0) hidden ??= targets[0];
      return seen;
    };
    const exact = pick(this.seExact.get(h) ?? []);
    if (exact) return { host: h, target: exact, how: `ServiceEntry host ${h}` };
    const parts = h.split('.');
    let fqdn: string | undefined;
    let how = '';
    if (parts.length === 1) [fqdn, how] = [_serviceFqdn(h, namespace), `short name in the caller's namespace ${namespace}`];
    else if (parts.length === 2) [fqdn, how] = [`${h}.${SUFFIX}`, '<name>.<namespace>'];
    else if (parts.length === 3 && parts[2] === 'svc') [fqdn, how] = [`${h}.cluster.local`, '<name>.<namespace>.svc'];
    else if (h.endsWith(`.${SUFFIX}`)) [fqdn, how] = [h, 'the FQDN'];
    if (fqdn) {
      const svc = this.services.get(fqdn);
      const found = pick([...(svc ? [svc] : []), ...(this.seExact.get(fqdn) ?? [])]);
      if (found) return { host: fqdn, target: found, how: `${how}: ${fqdn}` };
    }
    const wild = this.seWildcards.filter((t) => _hostsMatch(t.host, h)).sort((a, b) => b.host.length - a.host.length);
    const w = pick(wild);
    if (w) return { host: h, target: w, how: `ServiceEntry host ${w.host}` };
    return { host: fqdn && hidden ? fqdn : h, hidden, how: 'no Service or ServiceEntry' };
  }

  /** The registry entry for a host a route names (an FQDN, or a ServiceEntry host), as seen from a namespace. */
  public target(host: string, namespace: string): _Target | undefined {
    return this.resolve(host, namespace).target;
  }

  /**
   * The Sidecar that applies to a workload: one in its namespace whose workloadSelector selects it,
   * else its namespace's Sidecar without selector, else the root namespace's (sidecar.go, istio.io Sidecar reference).
   */
  public sidecarFor(namespace: string, labels: Record<string, string>): _Obj | undefined {
    const selectorOf = (s: _Obj) => s.spec.workloadSelector?.labels as Record<string, string> | undefined;
    const own = this.sidecars.filter((s) => s.namespace === namespace);
    return own.find((s) => selectorOf(s) && Object.keys(selectorOf(s)!).length > 0 && _selects(selectorOf(s), labels))
      ?? own.find((s) => !selectorOf(s) || Object.keys(selectorOf(s)!).length === 0)
      ?? this.sidecars.find((s) => s.namespace === this.model.rootNamespace && (!selectorOf(s) || Object.keys(selectorOf(s)!).length === 0));
  }
}

/**
 * True when a Sidecar's egress imports a host of a namespace on a port: some egress listener (of that
 * port, or without port) lists `<ns>/<host>` with ns `*`, `.` (the Sidecar's own) or the name, and a
 * host that is `*`, a matching wildcard or the name (networking/v1 Sidecar `IstioEgressListener.hosts`).
 * @internal
 */
export function _sidecarImports(sidecar: _Obj, namespace: string, host: string, port: number | undefined): boolean {
  // A Sidecar without egress imports everything (its default egress listener is `*/*`).
  if (_list(sidecar.spec.egress).length === 0) return true;
  for (const egress of _list(sidecar.spec.egress)) {
    const egressPort = Number(egress?.port?.number);
    if (egress?.port?.number !== undefined && port !== undefined && egressPort !== port) continue;
    for (const entry of _list(egress?.hosts).map(String)) {
      const slash = entry.indexOf('/');
      const ns = slash >= 0 ? entry.slice(0, slash) : '*';
      const dns = (slash >= 0 ? entry.slice(slash + 1) : entry).toLowerCase();
      const nsOk = ns === '*' || (ns === '.' ? sidecar.namespace === namespace : ns === namespace);
      if (nsOk && (dns === '*' || _hostsMatch(dns, host))) return true;
    }
  }
  return false;
}
