/**
 * mTLS facts the mesh rules and the request trace share: the mode a workload's sidecar accepts on a
 * port (PeerAuthentication), and the TLS modes DestinationRules set for the traffic to each Service port.
 */
import { _outOfMesh, _targetPort, _workloadsOfService } from './_workloads';
import { _qualifyHost, _serviceFqdn } from '../../core/_host';
import { _MeshModel, _Obj, _selects, _Workload } from '../model';

/** The mTLS mode a workload's sidecar accepts on one port, and the PeerAuthentication that decides it. @internal */
export interface _PeerMode {
  /** STRICT, PERMISSIVE or DISABLE. */
  readonly mode: string;
  /** The PeerAuthentication that sets the mode; undefined for Istio's default, PERMISSIVE. */
  readonly policy?: _Obj;
  /** True when the mode comes from the policy's portLevelMtls. */
  readonly portLevel: boolean;
}

/** A mode as written, upper-cased; undefined when absent or UNSET (which inherits from the level above). */
function modeOf(settings: any): string | undefined {
  const mode = typeof settings?.mode === 'string' ? settings.mode.toUpperCase() : undefined;
  return mode && mode !== 'UNSET' ? mode : undefined;
}

/** A PeerAuthentication's selector labels; undefined when it has none (or an empty one) and so covers its namespace. */
function selectorOf(pa: _Obj): Record<string, string> | undefined {
  const labels = pa.spec.selector?.matchLabels;
  return labels && typeof labels === 'object' && Object.keys(labels).length > 0 ? labels : undefined;
}

/**
 * The mTLS mode a workload accepts on a container port, as Istio resolves it: a PeerAuthentication
 * selecting the workload in its namespace (its portLevelMtls for the port first), then the namespace's
 * PeerAuthentication without selector, then the mesh-wide one in the root namespace; UNSET inherits
 * from the next level, and nothing set means PERMISSIVE. Of several policies at one level the first
 * in the manifests wins (Istio takes the oldest). @internal
 */
export function _peerMode(model: _MeshModel, w: _Workload, port: number | undefined): _PeerMode {
  const policies = model.istio('PeerAuthentication');
  const workloadLevel = model.selecting(policies, selectorOf, [w.namespace], w.labels).find((pa) => selectorOf(pa) !== undefined);
  if (workloadLevel) {
    const portLevel = port === undefined ? undefined : modeOf(workloadLevel.spec.portLevelMtls?.[String(port)]);
    if (portLevel) return { mode: portLevel, policy: workloadLevel, portLevel: true };
    const mode = modeOf(workloadLevel.spec.mtls);
    if (mode) return { mode, policy: workloadLevel, portLevel: false };
  }
  for (const namespace of [w.namespace, model.rootNamespace]) {
    const policy = policies.find((pa) => pa.namespace === namespace && selectorOf(pa) === undefined);
    const mode = policy ? modeOf(policy.spec.mtls) : undefined;
    if (mode) return { mode, policy, portLevel: false };
  }
  return { mode: 'PERMISSIVE', portLevel: false };
}

/** One TLS mode a DestinationRule sets for the traffic to one port of one Service, and the workloads that traffic reaches. @internal */
export interface _TlsUse {
  readonly dr: _Obj;
  readonly service: _Obj;
  /** The Service port (as written in its spec.ports). */
  readonly servicePort: any;
  /** Where in the DestinationRule the mode is set: `destination level`, `port 8080`, `subset v1`, `subset v1 port 8080`. */
  readonly where: string;
  /** DISABLE, SIMPLE, MUTUAL or ISTIO_MUTUAL. */
  readonly mode: string;
  /** The meshed workloads the traffic reaches. */
  readonly workloads: _Workload[];
}

/** The fully qualified name of a Service (cluster domain cluster.local). */
function serviceFqdn(svc: _Obj): string {
  return _serviceFqdn(svc.name, svc.namespace);
}

/** How specifically a (fully qualified) DestinationRule host names a Service's FQDN: -1 not at all, else higher is more specific. */
function specificity(host: string, fqdn: string): number {
  if (host === fqdn) return Number.MAX_SAFE_INTEGER;
  if (host.startsWith('*') && fqdn.endsWith(host.slice(1))) return host.length;
  return -1;
}

/** The TLS settings of a traffic policy for a port: port-level when it sets tls, else the policy's own. */
function tlsFor(policy: any, port: number): { tls: any; portLevel: boolean } | undefined {
  const settings: any[] = Array.isArray(policy?.portLevelSettings) ? policy.portLevelSettings : [];
  const portTls = settings.find((s) => s?.port?.number === port && s?.tls)?.tls;
  if (portTls) return { tls: portTls, portLevel: true };
  return policy?.tls ? { tls: policy.tls, portLevel: false } : undefined;
}

/**
 * Every TLS mode the DestinationRules set, resolved to Services and the meshed workloads they select.
 * A host resolves to the Service it names (a short name in the DestinationRule's namespace, or the FQDN),
 * or to every Service a wildcard host covers when no DestinationRule names that Service more specifically.
 * For each Service port, the mode is the DestinationRule's port-level TLS, else its destination-level TLS;
 * a subset's traffic policy overrides both for the subset's pods.
 * @internal
 */
export function _tlsUses(model: _MeshModel): _TlsUse[] {
  // Two rules ask (CI0001, CI0008): resolved once per model.
  return model.memoOf(model, 'tlsUses', () => tlsUsesOf(model));
}

function tlsUsesOf(model: _MeshModel): _TlsUse[] {
  const drs = model.istio('DestinationRule').filter((dr) => typeof dr.spec.host === 'string' && dr.spec.host.length > 0);
  // By host: a Service's exact match is one lookup; only wildcard hosts are compared with every Service.
  const exact = new Map<string, { dr: _Obj; host: string }[]>();
  const wildcards: { dr: _Obj; host: string }[] = [];
  for (const dr of drs) {
    const host = _qualifyHost(dr.spec.host, dr.namespace);
    if (host.startsWith('*')) wildcards.push({ dr, host });
    else exact.set(host, [...(exact.get(host) ?? []), { dr, host }]);
  }
  const uses: _TlsUse[] = [];
  for (const service of model.services) {
    const fqdn = serviceFqdn(service);
    const candidates = [...(exact.get(fqdn) ?? []), ...wildcards];
    const best = Math.max(-1, ...candidates.map((c) => specificity(c.host, fqdn)));
    if (best < 0) continue;
    const workloads = _workloadsOfService(model, service).filter((w) => !_outOfMesh(model, w));
    if (workloads.length === 0) continue;
    const ports: any[] = Array.isArray(service.spec.ports) ? service.spec.ports : [];
    // In manifest order: the best are either all exact (listed in order) or all wildcards (listed in order).
    for (const dr of candidates.filter((c) => specificity(c.host, fqdn) === best).map((c) => c.dr)) {
      for (const servicePort of ports.filter((p) => typeof p?.port === 'number')) {
        uses.push(...usesOfPort(dr, service, servicePort, workloads));
      }
    }
  }
  return uses;
}

function usesOfPort(dr: _Obj, service: _Obj, servicePort: any, workloads: _Workload[]): _TlsUse[] {
  const port: number = servicePort.port;
  const uses: _TlsUse[] = [];
  const top = tlsFor(dr.spec.trafficPolicy, port);
  const topMode = modeOf(top?.tls);
  if (topMode) {
    uses.push({ dr, service, servicePort, where: top!.portLevel ? `port ${port}` : 'destination level', mode: topMode, workloads });
  }
  for (const subset of Array.isArray(dr.spec.subsets) ? dr.spec.subsets : []) {
    // A subset without its own TLS inherits the top-level mode, already reported for all the Service's workloads.
    const own = tlsFor(subset?.trafficPolicy, port);
    const mode = modeOf(own?.tls);
    if (!mode) continue;
    const subsetWorkloads = workloads.filter((w) => _selects(subset?.labels, w.labels));
    if (subsetWorkloads.length === 0) continue;
    uses.push({ dr, service, servicePort, where: `subset ${subset.name}${own!.portLevel ? ` port ${port}` : ''}`, mode, workloads: subsetWorkloads });
  }
  return uses;
}

/** A TLS use that meets a server mode it cannot talk to, grouped by PeerAuthentication. @internal */
export interface _TlsConflict {
  readonly use: _TlsUse;
  readonly peer: _PeerMode;
  readonly workloads: _Workload[];
}

/** TLS uses with one of `clientModes` whose workloads accept only `serverMode`, one conflict per use and deciding PeerAuthentication. @internal */
export function _tlsConflicts(model: _MeshModel, clientModes: string[], serverMode: string): _TlsConflict[] {
  const conflicts: _TlsConflict[] = [];
  for (const use of _tlsUses(model).filter((u) => clientModes.includes(u.mode))) {
    const byPolicy = new Map<string, _TlsConflict>();
    for (const w of use.workloads) {
      const peer = _peerMode(model, w, _targetPort(use.servicePort, w));
      if (peer.mode !== serverMode) continue;
      const key = `${peer.policy?.namespace}/${peer.policy?.name}/${peer.portLevel}`;
      const found = byPolicy.get(key);
      if (found) found.workloads.push(w);
      else byPolicy.set(key, { use, peer, workloads: [w] });
    }
    conflicts.push(...byPolicy.values());
  }
  return conflicts;
}

/** A DestinationRule traffic policy's TLS for a port (port-level first), for the request trace. @internal */
export const _trafficPolicyTls: (policy: any, port: number) => { tls: any; portLevel: boolean } | undefined = tlsFor;

/** A TLS or mTLS mode as written, upper-cased; undefined when absent or UNSET. @internal */
export const _modeOf: (settings: any) => string | undefined = modeOf;
