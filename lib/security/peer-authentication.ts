import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as L1 from '../../imports/security.istio.io';
import { _constructSubject, _didYouMean, _Problems, _requireArg, _requireProps } from '../core/_errors';
import { _securityL1 } from '../core/_l1';
import { _checkPort } from '../core/_port';
import { _checkNotSynthesized } from '../core/_synth';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { WorkloadSelector } from '../core/selector';

/**
 * The mutual TLS mode a workload accepts connections with.
 *
 * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication-MutualTLS-Mode
 */
export enum MtlsMode {
  /**
   * Inherit from the parent policy (namespace, then mesh); the mesh default is PERMISSIVE.
   *
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication-MutualTLS-Mode
   */
  UNSET = 'UNSET',
  /**
   * Connections are not tunnelled: plain text only.
   *
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication-MutualTLS-Mode
   */
  DISABLE = 'DISABLE',
  /**
   * Accepts both mTLS and plain text: for migrating workloads into the mesh.
   *
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication-MutualTLS-Mode
   */
  PERMISSIVE = 'PERMISSIVE',
  /**
   * Accepts mTLS only: clients outside the mesh cannot connect.
   *
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication-MutualTLS-Mode
   */
  STRICT = 'STRICT',
}

/** The mTLS mode of one port of the selected workloads. */
export interface PortMtls {
  /**
   * The container port (the port the workload listens on, not the Service port).
   *
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  readonly port: number;
  /**
   * The mTLS mode on that port.
   *
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  readonly mode: MtlsMode;
}

/** Props of a PeerAuthentication. */
export interface PeerAuthenticationProps extends MeshResourceProps {
  /**
   * The mTLS mode of the selected workloads (of the namespace without a selector, of the mesh in
   * the root namespace).
   *
   * @default MtlsMode.STRICT
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  readonly mtlsMode?: MtlsMode;

  /**
   * The workloads the policy applies to, rendered as `selector.matchLabels`.
   *
   * @default - every workload of the namespace (of the mesh, in Istio's root namespace)
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  readonly selector?: WorkloadSelector;

  /**
   * mTLS modes for single ports, which override `mtlsMode` on those ports. Requires a `selector`.
   * Add more with `addPortMtls()`.
   *
   * @default - every port uses `mtlsMode`
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  readonly portMtls?: PortMtls[];
}

/**
 * A PeerAuthentication: which mutual TLS mode workloads accept traffic with.
 *
 * Defaults to STRICT (mTLS only). Without a selector it applies to the whole namespace, or to the
 * whole mesh when created in Istio's root namespace (`istio-system`).
 *
 * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
 * @example
 * new PeerAuthentication(chart, 'default', { metadata: { name: 'default' } }); // namespace-wide STRICT
 */
export class PeerAuthentication extends MeshResource {
  /**
   * The `security.istio.io/v1` PeerAuthentication this construct renders into.
   *
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  public readonly apiObject: ApiObject;

  /**
   * The mTLS mode of the selected workloads.
   *
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
   */
  public readonly mtlsMode: MtlsMode;

  private readonly subject: string;
  private readonly selector?: WorkloadSelector;
  private readonly portModes = new Map<number, MtlsMode>();

  constructor(scope: Construct, id: string, props: PeerAuthenticationProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('PeerAuthentication', scope, id);
    _requireProps(this.subject, props, {});
    this.mtlsMode = props.mtlsMode ?? MtlsMode.STRICT;
    this.selector = props.selector;

    const problems = new _Problems(this.subject);
    checkMode(problems, 'mtlsMode', this.mtlsMode);
    (props.portMtls ?? []).forEach((p, i) => {
      this.checkPort(problems, `portMtls[${i}]`, p.port, p.mode);
      this.portModes.set(p.port, p.mode);
    });
    problems.throwIfAny();

    this.apiObject = new (_securityL1().PeerAuthentication)(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
  }

  /**
   * Sets the mTLS mode of one port of the selected workloads, overriding `mtlsMode` on it.
   * Istio requires a workload selector for port-level mTLS.
   *
   * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication
   * @example policy.addPortMtls(8080, MtlsMode.PERMISSIVE)
   */
  public addPortMtls(port: number, mode: MtlsMode): void {
    _checkNotSynthesized(this, 'PeerAuthentication', 'addPortMtls');
    _requireArg(this.subject, 'port', port, 'Give the port number.');
    _requireArg(this.subject, 'mode', mode, 'Give the mode, such as MtlsMode.PERMISSIVE.');
    const problems = new _Problems(this.subject);
    this.checkPort(problems, `addPortMtls(${port})`, port, mode);
    problems.throwIfAny();
    this.portModes.set(port, mode);
  }

  /** @internal */
  public _toKube(): L1.PeerAuthenticationSpec {
    const ports = [...this.portModes.entries()].sort(([a], [b]) => a - b)
      .map(([port, mode]) => [String(port), { mode: mode as string as L1.PeerAuthenticationSpecPortLevelMtlsMode }]);
    return {
      ...(this.selector ? { selector: { matchLabels: this.selector.matchLabels } } : {}),
      mtls: { mode: this.mtlsMode as string as L1.PeerAuthenticationSpecMtlsMode },
      ...(ports.length > 0
        ? { portLevelMtls: Object.fromEntries(ports) }
        : {}),
    };
  }

  private checkPort(problems: _Problems, prop: string, port: number, mode: MtlsMode): void {
    problems.check(this.selector !== undefined, prop, 'needs a workload selector: Istio rejects portLevelMtls without one (portLevelMtls requires selector)', port,
      'Add selector: WorkloadSelector.labels({ app: ... }) to the PeerAuthentication, or set the mode for the whole namespace with mtlsMode.');
    _checkPort(problems, `${prop}.port`, port, 'Give the container port the workload listens on.');
    problems.check(!this.portModes.has(port), `${prop}.port`, `already has a mode (${this.portModes.get(port)})`, port,
      'Set each port once.');
    checkMode(problems, `${prop}.mode`, mode);
  }
}

function checkMode(problems: _Problems, prop: string, mode: MtlsMode): void {
  const modes = Object.values(MtlsMode) as string[];
  problems.check(modes.includes(mode), prop, `must be one of ${modes.join(', ')}`, mode,
    `Use a member of MtlsMode.${_didYouMean(String(mode), modes)}`);
}
