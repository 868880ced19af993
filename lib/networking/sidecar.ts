import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { _TrafficPolicyChecker, _TrafficPolicyRenderer } from './_traffic-policy';
import { Destination } from './destination';
import { ServerTls } from './server-tls';
import { ConnectionPoolSettings } from './traffic-policy';
import type * as k8s from '../../imports/networking.istio.io';
import { _compact, _JsonObject, _snapshot } from '../core/_compact';
import { _constructSubject, _fail, _Problems, _requireProps } from '../core/_errors';
import { _hostProblem, _namespaceOf } from '../core/_host';
import { _networkingL1 } from '../core/_l1';
import { _isDnsLabel } from '../core/_names';
import { _checkOptionalPort } from '../core/_port';
import { _checkProtocol } from '../core/_protocol';
import { _checkNotSynthesized } from '../core/_synth';
import { Port } from '../core/port';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { WorkloadSelector } from '../core/selector';


/** The problem with a Sidecar egress host, or undefined when it is `namespace/host`. */
function egressHostProblem(value: string): string | undefined {
  const slash = typeof value === 'string' ? value.indexOf('/') : -1;
  if (slash < 0) return 'must be of the form `namespace/host`';
  const ns = value.slice(0, slash);
  const host = value.slice(slash + 1);
  if (!['*', '.', '~'].includes(ns) && !_isDnsLabel(ns)) return 'must start with a namespace name, `.`, `*` or `~` before `/`';
  return _hostProblem(host);
}

/**
 * Helpers for the hosts of a Sidecar egress listener, which Istio writes `namespace/host`.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioEgressListener
 */
export class EgressHost {
  /** Every host of the Sidecar's own namespace: `./*`. */
  public static sameNamespace(): string {
    return './*';
  }

  /** Every host of a namespace, such as `istio-system/*`. */
  public static allIn(namespace: string): string {
    return EgressHost.of(namespace, '*');
  }

  /** A host in any namespace: `*\/host`. */
  public static anyNamespace(host: string): string {
    return EgressHost.of('*', host);
  }

  /** A host in one namespace: `namespace/host`. */
  public static of(namespace: string, host: string): string {
    const value = `${namespace}/${host}`;
    const problem = egressHostProblem(value);
    if (problem) _fail('EgressHost.of', 'host', problem, value, 'Give a namespace (`.`, `*` or a name) and a host, such as `istio-system/*`.');
    return value;
  }

  private constructor() {}
}

/**
 * How traffic reaches a listener: through iptables redirection or by binding to it directly.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#CaptureMode
 */
export enum CaptureMode {
  /** The capture mode of the workload's environment. */
  DEFAULT = 'DEFAULT',
  /** Traffic is captured with iptables. */
  IPTABLES = 'IPTABLES',
  /** No capture: the application connects to the listener itself. */
  NONE = 'NONE',
}

/**
 * A port of a Sidecar listener. Without a protocol Istio detects it; `targetPort` is the port on the
 * workload.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#SidecarPort
 */
export interface SidecarPort extends Port {}

/**
 * Which services the workloads may reach, on a port or all of them.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioEgressListener
 */
export interface SidecarEgressListener {
  /**
   * The services reachable, as `namespace/host`: use `EgressHost` to write them.
   */
  readonly hosts: string[];

  /**
   * The port the listener applies to.
   *
   * @default - every port
   */
  readonly port?: SidecarPort;

  /**
   * The address or Unix socket to bind to.
   *
   * @default - depends on the capture mode
   */
  readonly bind?: string;

  /**
   * How traffic reaches the listener.
   *
   * @default CaptureMode.DEFAULT
   */
  readonly captureMode?: CaptureMode;
}

/**
 * A port on which the workloads receive traffic, and where it is forwarded.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioIngressListener
 */
export interface SidecarIngressListener {
  /** The port to listen on. */
  readonly port: SidecarPort;

  /**
   * The address to bind to.
   *
   * @default - all addresses
   */
  readonly bind?: string;

  /**
   * How traffic reaches the listener.
   *
   * @default CaptureMode.DEFAULT
   */
  readonly captureMode?: CaptureMode;

  /**
   * Where traffic is forwarded: `127.0.0.1:PORT`, `0.0.0.0:PORT` or `unix:///path`.
   *
   * @default - the workload's instance IP and the port's target port
   */
  readonly defaultEndpoint?: string;

  /**
   * TLS the sidecar terminates on this port.
   *
   * @default - Istio's mTLS, per PeerAuthentication
   */
  readonly tls?: ServerTls;

  /**
   * Connection limits on this port.
   *
   * @default - `inboundConnectionPool`
   */
  readonly connectionPool?: ConnectionPoolSettings;
}

/**
 * What happens to traffic for hosts the registry does not know.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#OutboundTrafficPolicy-Mode
 */
export enum OutboundTrafficPolicyMode {
  /** Only hosts of the registry (Services, ServiceEntries) are reachable. */
  REGISTRY_ONLY = 'REGISTRY_ONLY',
  /** Unknown hosts are passed through. */
  ALLOW_ANY = 'ALLOW_ANY',
}

/**
 * The policy for traffic to unknown hosts.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#OutboundTrafficPolicy
 */
export interface OutboundTrafficPolicy {
  /** Block or pass traffic to unknown hosts. */
  readonly mode: OutboundTrafficPolicyMode;

  /**
   * Where traffic to unknown hosts goes under ALLOW_ANY, such as an egress proxy.
   *
   * @default - straight to the original destination
   */
  readonly egressProxy?: Destination;
}

/** Props of a Sidecar. */
export interface SidecarProps extends MeshResourceProps {
  /**
   * The workloads the Sidecar applies to.
   *
   * @default - every workload of the namespace without a more specific Sidecar
   */
  readonly workloadSelector?: WorkloadSelector;

  /**
   * The services the workloads may reach.
   *
   * @default - every service of the mesh; add with `addEgress()`
   */
  readonly egress?: SidecarEgressListener[];

  /**
   * The ports on which the workloads receive traffic.
   *
   * @default - inferred from the workload's Services; add with `addIngress()`
   */
  readonly ingress?: SidecarIngressListener[];

  /**
   * The policy for traffic to unknown hosts.
   *
   * @default - the mesh-wide setting (ALLOW_ANY unless changed)
   */
  readonly outboundTrafficPolicy?: OutboundTrafficPolicy;

  /**
   * Connection limits for every inbound port.
   *
   * @default - Istio's defaults
   */
  readonly inboundConnectionPool?: ConnectionPoolSettings;
}

/**
 * An Istio Sidecar: scopes what a workload's proxy knows and accepts (the services it may
 * reach, its inbound ports). Emits `networking.istio.io/v1`.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/
 *
 * @example
 * new Sidecar(chart, 'default', { egress: [{ hosts: [EgressHost.sameNamespace(), EgressHost.allIn('istio-system')] }] });
 */
export class Sidecar extends MeshResource {
  /** The L1 object this construct renders into. */
  public readonly apiObject: k8s.Sidecar;

  private readonly subject: string;
  private readonly props: SidecarProps;
  private readonly egress: SidecarEgressListener[] = [];
  private readonly ingress: SidecarIngressListener[] = [];
  private readonly inboundConnectionPool?: ConnectionPoolSettings;
  private outbound?: OutboundTrafficPolicy;

  public constructor(scope: Construct, id: string, props: SidecarProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('Sidecar', scope, id);
    _requireProps(this.subject, props, {});
    const problems = new _Problems(this.subject);
    (props.egress ?? []).forEach((e, i) => this.checkEgress(e, `egress[${i}]`, problems));
    (props.ingress ?? []).forEach((e, i) => this.checkIngress(e, `ingress[${i}]`, problems));
    checkOutbound(problems, props.outboundTrafficPolicy);
    if (props.inboundConnectionPool) new _TrafficPolicyChecker(this.subject, problems).connectionPool(props.inboundConnectionPool, 'inboundConnectionPool');
    problems.throwIfAny();
    this.props = props;
    this.outbound = props.outboundTrafficPolicy;
    this.inboundConnectionPool = _snapshot(props.inboundConnectionPool);
    this.egress.push(...(props.egress ?? []).map((e) => _snapshot(e)));
    this.ingress.push(...(props.ingress ?? []).map((e) => _snapshot(e)));
    this.apiObject = new (_networkingL1().Sidecar)(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
  }

  /**
   * The workloads the Sidecar applies to; none means every workload of the namespace without a
   * more specific Sidecar.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#Sidecar
   */
  public get workloadSelector(): WorkloadSelector | undefined {
    return this.props.workloadSelector;
  }

  /**
   * The policy for traffic to unknown hosts, when one is set.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#OutboundTrafficPolicy
   */
  public get outboundTrafficPolicy(): OutboundTrafficPolicy | undefined {
    return this.outbound;
  }

  /**
   * Sets (or replaces) the policy for traffic to unknown hosts, such as REGISTRY_ONLY to lock a
   * namespace's egress down to the registry.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#OutboundTrafficPolicy
   */
  public applyOutboundTrafficPolicy(policy: OutboundTrafficPolicy): void {
    _checkNotSynthesized(this, 'Sidecar', 'applyOutboundTrafficPolicy');
    _requireProps(this.subject, policy, { mode: 'Give OutboundTrafficPolicyMode.REGISTRY_ONLY or ALLOW_ANY.' }, 'policy');
    const problems = new _Problems(this.subject);
    checkOutbound(problems, policy);
    problems.throwIfAny();
    this.outbound = policy;
  }

  /** Adds an egress listener. */
  public addEgress(listener: SidecarEgressListener): void {
    _checkNotSynthesized(this, 'Sidecar', 'addEgress');
    _requireProps(this.subject, listener, { hosts: 'Give the hosts the listener reaches, such as [\'./*\', \'istio-system/*\'].' }, 'listener');
    const problems = new _Problems(this.subject);
    this.checkEgress(listener, `egress[${this.egress.length}]`, problems);
    problems.throwIfAny();
    this.egress.push(_snapshot(listener));
  }

  /**
   * Adds hosts (`namespace/dnsName`) to the egress listener without a port, the one that applies to
   * every port (Istio allows one such listener); creates it when the Sidecar has none. Hosts already
   * listed are left as they are.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioEgressListener
   * @example sidecar.addEgressHosts('shop/cart.shop.svc.cluster.local');
   */
  public addEgressHosts(...hosts: string[]): void {
    const index = this.egress.findIndex((e) => e.port === undefined);
    const catchAll = index >= 0 ? this.egress[index] : undefined;
    const merged = { hosts: [...new Set<string>([...(catchAll?.hosts ?? []), ...hosts])] };
    const problems = new _Problems(this.subject);
    this.checkEgress({ hosts: [...(catchAll?.hosts ?? []), ...hosts] }, `egress[${catchAll ? index : this.egress.length}]`, problems);
    problems.throwIfAny();
    if (catchAll) this.egress[index] = { ...catchAll, ...merged };
    else this.egress.push(merged);
  }

  /** Adds an ingress listener. */
  public addIngress(listener: SidecarIngressListener): void {
    _checkNotSynthesized(this, 'Sidecar', 'addIngress');
    _requireProps(this.subject, listener, { port: 'Give the port the listener accepts traffic on.' }, 'listener');
    const problems = new _Problems(this.subject);
    this.checkIngress(listener, `ingress[${this.ingress.length}]`, problems);
    problems.throwIfAny();
    this.ingress.push(_snapshot(listener));
  }

  private checkPort(port: SidecarPort, prop: string, problems: _Problems): void {
    _checkOptionalPort(problems, `${prop}.number`, port.number);
    _checkOptionalPort(problems, `${prop}.targetPort`, port.targetPort);
    if (port.protocol !== undefined) _checkProtocol(problems, `${prop}.protocol`, port.protocol);
  }

  private checkEgress(e: SidecarEgressListener, prop: string, problems: _Problems): void {
    const hosts = e.hosts ?? [];
    problems.check(hosts.length > 0, `${prop}.hosts`, 'must not be empty', hosts, 'Give the hosts reachable, such as [EgressHost.sameNamespace()].');
    hosts.forEach((h, i) => {
      const problem = egressHostProblem(h);
      if (problem) {
        problems.add(`${prop}.hosts[${i}]`, problem, h,
          'Write `namespace/host`: `./*` for the own namespace, `istio-system/*`, `*/api.example.com` (EgressHost helps).');
      }
    });
    if (e.port) this.checkPort(e.port, `${prop}.port`, problems);
  }

  private checkIngress(e: SidecarIngressListener, prop: string, problems: _Problems): void {
    this.checkPort(e.port, `${prop}.port`, problems);
    if (e.connectionPool) new _TrafficPolicyChecker(this.subject, problems).connectionPool(e.connectionPool, `${prop}.connectionPool`);
  }

  /** @internal */
  public _toKube(): k8s.SidecarSpec {
    const p = this.props;
    const namespace = _namespaceOf(this, this.apiObject.metadata.namespace);
    const otp = this.outbound;
    const renderer = new _TrafficPolicyRenderer(this.subject);
    return _compact({
      workloadSelector: p.workloadSelector ? { labels: p.workloadSelector.matchLabels } : undefined,
      egress: this.egress.length > 0 ? this.egress.map((e) => _compact({
        hosts: [...e.hosts],
        port: e.port ? renderPort(e.port) : undefined,
        bind: e.bind,
        captureMode: e.captureMode as string | undefined as k8s.SidecarSpecEgressCaptureMode | undefined,
      })) : undefined,
      ingress: this.ingress.length > 0 ? this.ingress.map((e, i) => _compact({
        port: renderPort(e.port),
        bind: e.bind,
        captureMode: e.captureMode as string | undefined as k8s.SidecarSpecIngressCaptureMode | undefined,
        defaultEndpoint: e.defaultEndpoint,
        tls: e.tls?._toIstio() as _JsonObject | undefined,
        connectionPool: e.connectionPool ? renderer.connectionPool(e.connectionPool, `ingress[${i}].connectionPool`) : undefined,
      })) : undefined,
      outboundTrafficPolicy: otp ? _compact({
        mode: otp.mode as string as k8s.SidecarSpecOutboundTrafficPolicyMode,
        egressProxy: otp.egressProxy?._destinationToIstio(namespace),
      }) : undefined,
      inboundConnectionPool: this.inboundConnectionPool ? renderer.connectionPool(this.inboundConnectionPool, 'inboundConnectionPool') : undefined,
    });
  }
}

function checkOutbound(problems: _Problems, policy: OutboundTrafficPolicy | undefined): void {
  const egressProxy = policy?.egressProxy;
  if (egressProxy && policy?.mode !== OutboundTrafficPolicyMode.ALLOW_ANY) {
    problems.add('outboundTrafficPolicy.egressProxy', 'needs mode ALLOW_ANY', policy?.mode,
      'Set mode: OutboundTrafficPolicyMode.ALLOW_ANY, or leave egressProxy out.');
  }
  if (egressProxy && (egressProxy.weight !== undefined || egressProxy.headers !== undefined)) {
    problems.add('outboundTrafficPolicy.egressProxy', 'must not carry a weight or headers', { weight: egressProxy.weight }, 'Give only a host, subset and port.');
  }
}

function renderPort(port: SidecarPort): k8s.SidecarSpecEgressPort {
  return _compact({ number: port.number, protocol: port.protocol, name: port.name, targetPort: port.targetPort });
}
