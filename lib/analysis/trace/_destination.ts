/**
 * The destination side of a request: the DestinationRule (subset, TLS mode, auto mTLS), the pods
 * behind the backend, the mTLS mode each accepts (PeerAuthentication) and the AuthorizationPolicies
 * its proxy enforces (a sidecar at L7, ztunnel at L4).
 * Sources: pilot/pkg/networking/core/cluster_tls.go (auto mTLS), pilot/pkg/security/authn (PeerAuthentication),
 * https://istio.io/latest/docs/concepts/security/#authorization-policy-precedence .
 */
import { _authorize, _AuthzRequest } from './_authz-eval';
import { _by, _Registry, _Target } from './_registry';
import { TraceOutcome, TraceStep } from './request';
import { _workloadIsAmbient } from '../facts/_ambient';
import { _policiesApplying } from '../facts/_authz';
import { _hostsMatch } from '../facts/_hosts';
import { _REV_LABEL, _SIDECAR_INJECT } from '../facts/_labels';
import { _modeOf, _peerMode, _trafficPolicyTls } from '../facts/_mtls';
import { _list } from '../facts/_values';
import { _workloadInMesh, _outOfMesh, _targetPort, _workloadsOfService } from '../facts/_workloads';
import { _Obj, _selects, _Workload } from '../model';

/** Who sends the request to the backend, as the server sees it. @internal */
export interface _Client {
  /** `sidecar`, `gateway` (an Istio gateway), `waypoint`, `ztunnel` (ambient) or `none` (plaintext, no identity). */
  readonly proxy: 'sidecar' | 'gateway' | 'waypoint' | 'ztunnel' | 'none';
  readonly namespace: string;
  /** The client's mTLS identity, sent when it speaks mTLS. */
  readonly principal?: string;
  readonly labels: Record<string, string>;
}

/** The HTTP facts of the request, as the server's proxy sees them. @internal */
export interface _Http {
  readonly method: string;
  readonly path: string;
  readonly authority: string;
  readonly headers: Record<string, string>;
}

/** A backend's verdict. @internal */
export interface _BackendVerdict {
  readonly outcome: TraceOutcome;
  readonly status?: number;
}

/** Application protocols a sidecar reads as opaque bytes, from the port name prefix or appProtocol (pkg/config/protocol). */
const L4_PROTOCOLS = new Set(['tcp', 'tls', 'https', 'mongo', 'mysql', 'redis']);

/** True when the proxies see HTTP on this Service port: named or appProtocol http/http2/grpc, or unnamed (sniffed). @internal */
export function _speaksHttp(servicePort: any): boolean {
  const protocol = String(servicePort?.appProtocol ?? String(servicePort?.name ?? '').split('-')[0]).toLowerCase();
  return !L4_PROTOCOLS.has(protocol);
}

/**
 * The DestinationRule a client in `namespace` uses for `host`: exported to it, its workloadSelector
 * (if any) selecting the client; the client's namespace first, then the host's, then the root
 * namespace, an exact host before a wildcard (pilot/pkg/model/push_context.go destinationRule). @internal
 */
export function _destinationRuleFor(
  reg: _Registry, host: string, namespace: string, hostNamespace: string, labels: Record<string, string>,
): _Obj | undefined {
  const candidates = reg.destinationRulesFor(host).filter(({ dr, host: h }) => _hostsMatch(h, host) && !(h.startsWith('*') && host.startsWith('*'))
    && reg.visible(dr, namespace) && _selects(dr.spec.workloadSelector?.matchLabels, labels));
  const rank = (c: { dr: _Obj; host: string }) => {
    const ns = [namespace, hostNamespace, reg.model.rootNamespace].indexOf(c.dr.namespace);
    return (ns < 0 ? 3 : ns) * 2 + (c.host === host ? 0 : 1);
  };
  return candidates.sort((a, b) => rank(a) - rank(b))[0]?.dr;
}

/** The TLS mode a DestinationRule sets for a subset and port (subset first, port-level first), and where. */
function drTls(dr: _Obj | undefined, subset: any, port: number): { mode: string; where: string } | undefined {
  if (!dr) return undefined;
  const own = _trafficPolicyTls(subset?.trafficPolicy, port);
  const ownMode = _modeOf(own?.tls);
  if (ownMode) return { mode: ownMode, where: `subset ${subset.name}${own!.portLevel ? ` port ${port}` : ''}` };
  const top = _trafficPolicyTls(dr.spec.trafficPolicy, port);
  const mode = _modeOf(top?.tls);
  return mode ? { mode, where: top!.portLevel ? `port ${port}` : 'trafficPolicy' } : undefined;
}

/**
 * What runs beside a pod: ztunnel (ambient), a sidecar (an istio-proxy container, sidecar.istio.io/inject,
 * or a namespace labelled istio-injection=enabled or istio.io/rev), or nothing. A pod whose Namespace
 * the manifests do not declare is taken to have a sidecar unless it opts out, as the mesh rules do. @internal
 */
export function _dataplaneOf(reg: _Registry, w: _Workload): 'sidecar' | 'ambient' | 'none' {
  if (_workloadIsAmbient(reg.model, w)) return 'ambient';
  if (_workloadInMesh(reg.model, w)) return 'sidecar';
  const nsLabels = reg.model.namespaceLabels(w.namespace);
  if (nsLabels) return nsLabels[_REV_LABEL] && !(_SIDECAR_INJECT in w.labels) ? 'sidecar' : 'none';
  return _outOfMesh(reg.model, w) ? 'none' : 'sidecar';
}

/**
 * Sends the request to one backend (a Service, with subset and port) and returns what the client
 * sees, recording each decision. `http` is undefined when the server's proxy sees only L4.
 * @internal
 */
export function _reachService(
  reg: _Registry, steps: TraceStep[], client: _Client, target: _Target, subsetName: string | undefined, port: number,
  http: _Http | undefined, sentBy?: string,
): _BackendVerdict {
  const svc = target.obj;
  const servicePort = _list(svc.spec.ports).find((p) => Number(p?.port) === port);
  if (!servicePort) {
    steps.push({ step: 'destination', decision: `${target.host} has no port ${port}: no endpoint answers (503)`, by: _by(svc), host: target.host });
    return { outcome: TraceOutcome.UNAVAILABLE, status: 503 };
  }
  const dr = client.proxy === 'sidecar' || client.proxy === 'gateway' || client.proxy === 'waypoint'
    ? _destinationRuleFor(reg, target.host, client.namespace, svc.namespace, client.labels) : undefined;
  let subset: any;
  if (subsetName !== undefined) {
    subset = _list(dr?.spec.subsets).find((s) => s?.name === subsetName);
    if (!subset) {
      steps.push({ step: 'destination-rule', decision: `no DestinationRule for ${target.host} defines subset ${subsetName}: the route's cluster does not exist (503)`, by: dr ? _by(dr) : undefined });
      return { outcome: TraceOutcome.UNAVAILABLE, status: 503 };
    }
    steps.push({ step: 'destination-rule', decision: `subset ${subsetName} selects pods labelled ${JSON.stringify(subset.labels ?? {})}`, by: _by(dr!) });
  }
  const all = _workloadsOfService(reg.model, svc);
  const workloads = all.filter((w) => _selects(subset?.labels, w.labels));
  if (workloads.length === 0) {
    const why = all.length === 0 ? 'selects no pod in the manifests' : `has no pod in subset ${subsetName}`;
    steps.push({ step: 'destination', decision: `${target.host} ${why}: no healthy upstream (503)`, by: _by(svc), host: target.host });
    return { outcome: TraceOutcome.UNAVAILABLE, status: 503 };
  }
  let first: _BackendVerdict | undefined;
  const seen = new Set<_Obj>();
  for (const w of workloads) {
    if (seen.has(w.obj)) continue;
    seen.add(w.obj);
    const verdict = reachWorkload(reg, steps, client, w, servicePort, dr, subset, _speaksHttp(servicePort) ? http : undefined, sentBy);
    if (verdict.outcome !== TraceOutcome.DELIVERED) return verdict;
    first ??= verdict;
  }
  return first!;
}

/** The mTLS identity of a service account. @internal */
export function _principal(reg: _Registry, namespace: string, serviceAccount: string): string {
  return `${reg.model.meshConfig.trustDomain ?? 'cluster.local'}/ns/${namespace}/sa/${serviceAccount}`;
}

/** The service account of a pod (template). @internal */
export function _serviceAccountOf(w: _Workload): string {
  return String(w.podSpec?.serviceAccountName ?? w.podSpec?.serviceAccount ?? 'default');
}

function reachWorkload(
  reg: _Registry, steps: TraceStep[], client: _Client, w: _Workload, servicePort: any, dr: _Obj | undefined, subset: any,
  http: _Http | undefined, sentBy?: string,
): _BackendVerdict {
  const model = reg.model;
  const pod = `${w.obj.kind} ${w.namespace}/${w.obj.name}`;
  const dataplane = _dataplaneOf(reg, w);
  const targetPort = _targetPort(servicePort, w);
  const peer = dataplane === 'none' ? undefined : _peerMode(model, w, targetPort);
  const peerBy = peer?.policy ? _by(peer.policy) : undefined;
  // What the client sends: its proxy's TLS choice (DestinationRule, else auto mTLS).
  let tls: 'mtls' | 'plaintext' | 'tls';
  if (client.proxy === 'none') {
    tls = 'plaintext';
  } else if (client.proxy === 'ztunnel') {
    tls = dataplane === 'none' ? 'plaintext' : 'mtls';
    steps.push({ step: 'mtls', decision: tls === 'mtls' ? `ztunnel sends HBONE (mTLS) to ${pod}` : `ztunnel sends plaintext to ${pod}, which is outside the mesh` });
  } else {
    const set = drTls(dr, subset, Number(servicePort.port));
    if (set) {
      tls = set.mode === 'ISTIO_MUTUAL' ? 'mtls' : set.mode === 'DISABLE' ? 'plaintext' : 'tls';
      steps.push({ step: 'mtls', decision: `the client proxy uses TLS mode ${set.mode} (${set.where}) towards ${pod}`, by: _by(dr!) });
    } else if (model.meshConfig.enableAutoMtls === false) {
      tls = 'plaintext';
      steps.push({ step: 'mtls', decision: 'auto mTLS is off (meshConfig.enableAutoMtls: false) and no DestinationRule sets TLS: plaintext' });
    } else {
      tls = dataplane !== 'none' && peer?.mode !== 'DISABLE' ? 'mtls' : 'plaintext';
      steps.push({
        step: 'mtls',
        decision: tls === 'mtls' ? `auto mTLS: ${pod} runs an Istio ${dataplane === 'ambient' ? 'ztunnel' : 'sidecar'}, so the client proxy sends mTLS`
          : `auto mTLS: ${pod} ${dataplane === 'none' ? 'has no Istio proxy' : 'disables mTLS'}, so the client proxy sends plaintext`,
      });
    }
  }
  if (dataplane === 'none') {
    if (tls !== 'plaintext') {
      steps.push({ step: 'peer-authentication', decision: `${pod} has no Istio proxy and cannot terminate the ${tls === 'mtls' ? 'Istio mTLS' : 'TLS'} the client sends: connection reset` });
      return { outcome: TraceOutcome.RESET };
    }
    steps.push({ step: 'destination', decision: `${pod} has no Istio proxy: no PeerAuthentication or AuthorizationPolicy is enforced; delivered` });
    return { outcome: TraceOutcome.DELIVERED };
  }
  const mode = peer!.mode;
  const where = `${pod} accepts ${mode} on port ${targetPort ?? servicePort.port}${peer!.portLevel ? ' (portLevelMtls)' : ''}`;
  if ((mode === 'STRICT' && tls !== 'mtls') || (mode === 'DISABLE' && tls === 'mtls') || (tls === 'tls')) {
    const why = tls === 'tls' ? 'the client originates TLS that is not Istio mTLS' : tls === 'mtls' ? 'the client sends mTLS' : 'the client sends plaintext';
    steps.push({ step: 'peer-authentication', decision: `${where}; ${why}: connection reset`, by: peerBy });
    return { outcome: TraceOutcome.RESET };
  }
  steps.push({ step: 'peer-authentication', decision: `${where}; the client sends ${tls === 'mtls' ? 'mTLS' : 'plaintext'}: accepted`, by: peerBy });
  // Authorization: the sidecar at L7 (HTTP) or L4; ztunnel at L4 only.
  const l7 = dataplane === 'sidecar' ? http : undefined;
  const request: _AuthzRequest = {
    principal: tls === 'mtls' ? client.principal : undefined,
    namespace: tls === 'mtls' && client.principal ? /\/ns\/([^/]+)\//.exec(client.principal)?.[1] : undefined,
    http: l7,
    port: targetPort,
  };
  const verdict = _authorize(_policiesApplying(model, w), request);
  const enforcer = dataplane === 'ambient' ? 'ztunnel (L4)' : l7 ? 'the sidecar' : 'the sidecar (L4: the port is not HTTP)';
  for (const note of verdict.notes) steps.push({ step: 'authz', decision: note });
  const who = sentBy ? ` (sent by ${sentBy})` : '';
  steps.push({ step: 'authz', decision: `${enforcer} of ${pod}${who}: ${verdict.decision}`, by: verdict.by ? _by(verdict.by) : undefined });
  if (!verdict.allowed) return { outcome: TraceOutcome.DENIED, status: l7 ? 403 : undefined };
  return { outcome: TraceOutcome.DELIVERED };
}
