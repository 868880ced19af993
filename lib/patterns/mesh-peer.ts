import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { IMeshWorkload } from './mesh-workload';
import { _fail, _Problems } from '../core/_errors';
import { _isDnsLabel, _MAX_LABEL_LENGTH } from '../core/_names';
import { Identity, IdentityOptions, ServiceAccountIdentityOptions } from '../core/identity';

/**
 * A gateway whose pods call the services of the mesh, as `MeshPeer.gateway()` names it: its
 * identity is the principal of the service account its pods run as. `IngressGateway` implements it.
 *
 * @see https://istio.io/latest/docs/ops/configuration/security/security-policy-examples/
 */
export interface IMeshGateway extends IConstruct {
  /**
   * The identity the gateway's pods present in mTLS: the principal of their service account.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly identity: Identity;
}

/** How a peer is matched: by the principal of its workloads, or by the namespace they run in. */
enum PeerMatch {
  PRINCIPAL = 'principal',
  NAMESPACE = 'namespace',
}

/**
 * A caller of a workload in the mesh, as an ALLOW rule names it: a workload identity, a service, a
 * gateway, a service account or a whole namespace. `MeshService.allowFrom(peer)` and
 * `ZeroTrustNamespace.allow({ from: [peer] })` take it. Peers other than namespaces render as
 * `source.principals` (the SPIFFE principal of their service account); `MeshPeer.namespace()`
 * renders as `source.namespaces`.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
 * @example
 * api.allowFrom(MeshPeer.service(frontend), { methods: [HttpMethod.GET] });
 * api.allowFrom(MeshPeer.namespace('monitoring'), { paths: ['/metrics'] });
 * api.allowFrom(MeshPeer.gateway(ingress), { paths: ['/api/*'] });
 */
export class MeshPeer {
  /**
   * The workloads that present this identity: `source.principals` with its principal
   * (`Identity.fromNames('frontend', 'frontend-sa')`, `Identity.principal(...)`,
   * `Identity.anyAuthenticated()`). An `Identity.namespace()` renders as the principal pattern
   * `<trust domain>/ns/<namespace>/sa/*`; to match `source.namespaces`, use `MeshPeer.namespace()`.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   * @example MeshPeer.identity(Identity.fromNames('monitoring', 'prometheus'))
   */
  public static identity(identity: Identity): MeshPeer {
    if (!(identity instanceof Identity)) {
      _fail('MeshPeer.identity', 'identity', 'must be an Identity', identity,
        'Make one with Identity.fromNames(\'<namespace>\', \'<service account>\') or Identity.principal(\'cluster.local/ns/<namespace>/sa/<name>\').');
    }
    return new MeshPeer(PeerMatch.PRINCIPAL, identity);
  }

  /**
   * The pods of another service of the mesh (a MeshService, or any `IMeshWorkload`): the principal
   * of their service account. The traffic intent the call records names the service's construct.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   * @example MeshPeer.service(frontend)
   */
  public static service(service: IMeshWorkload): MeshPeer {
    if (!isConstructWithIdentity(service)) {
      _fail('MeshPeer.service', 'service', 'must be a MeshService or another IMeshWorkload (a construct with an identity)', service,
        'Pass the calling MeshService; for a bare identity use MeshPeer.identity(), for a namespace MeshPeer.namespace().');
    }
    return new MeshPeer(PeerMatch.PRINCIPAL, service.identity, service.node.path);
  }

  /**
   * The pods of a gateway (an IngressGateway, or any `IMeshGateway`): the principal of the service
   * account its pods run as, such as `istio-system/istio-ingressgateway-service-account` for the
   * default profile's ingress gateway. In a ZeroTrustNamespace with its allow-nothing policy,
   * `IngressGateway.exposeMeshService()` allows the gateway by itself; call this to allow it on
   * other services or requests.
   *
   * @see https://istio.io/latest/docs/ops/configuration/security/security-policy-examples/
   * @example MeshPeer.gateway(ingress)
   */
  public static gateway(gateway: IMeshGateway): MeshPeer {
    if (!isConstructWithIdentity(gateway)) {
      _fail('MeshPeer.gateway', 'gateway', 'must be an IngressGateway or another IMeshGateway (a construct with an identity)', gateway,
        'Pass the IngressGateway; for a gateway this app does not create, use MeshPeer.identity() with the identity of its service account.');
    }
    return new MeshPeer(PeerMatch.PRINCIPAL, gateway.identity, gateway.node.path);
  }

  /**
   * The pods that run as a cdk8s-plus ServiceAccount: its principal (`Identity.fromServiceAccount()`).
   *
   * @see https://istio.io/latest/docs/concepts/security/#istio-identity
   * @example MeshPeer.serviceAccount(frontendServiceAccount)
   */
  public static serviceAccount(serviceAccount: kplus.ServiceAccount, options: ServiceAccountIdentityOptions = {}): MeshPeer {
    if (!(serviceAccount instanceof kplus.ServiceAccount)) {
      _fail('MeshPeer.serviceAccount', 'serviceAccount', 'must be a cdk8s-plus ServiceAccount', serviceAccount,
        'Pass the kplus.ServiceAccount the callers run as, or use MeshPeer.identity(Identity.fromNames(\'<namespace>\', \'<name>\')).');
    }
    return new MeshPeer(PeerMatch.PRINCIPAL, Identity.fromServiceAccount(serviceAccount, options));
  }

  /**
   * Every workload of a namespace: `source.namespaces`, the namespace of the mTLS peer's
   * certificate. One `*` at the start or end matches a prefix or suffix (`team-*`).
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   * @example MeshPeer.namespace('monitoring')
   */
  public static namespace(namespace: string, options: IdentityOptions = {}): MeshPeer {
    const problems = new _Problems('MeshPeer.namespace');
    _checkNamespacePattern(problems, 'namespace', namespace);
    problems.throwIfAny();
    return new MeshPeer(PeerMatch.NAMESPACE, Identity.namespace(namespace, options), undefined, options.trustDomain);
  }

  /**
   * Any workload with a mesh identity (`source.principals: ["*"]`): every caller that presents an
   * mTLS certificate, and no plain-text one.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public static anyAuthenticated(): MeshPeer {
    return new MeshPeer(PeerMatch.PRINCIPAL, Identity.anyAuthenticated());
  }

  private constructor(
    private readonly match: PeerMatch,
    /**
     * The identity an AuthorizationPolicy source matches the peer by: a principal (or principal
     * pattern), or for `MeshPeer.namespace()` the namespace.
     *
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
     */
    public readonly sourceIdentity: Identity,
    private readonly callerPath?: string,
    private readonly trustDomain?: string,
  ) {}

  /**
   * True when the peer is matched by namespace (`source.namespaces`), not by principal.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  public get isNamespace(): boolean {
    return this.match === PeerMatch.NAMESPACE;
  }

  /** The path of the construct the peer was made from (a service, a gateway), if any. @internal */
  public get _callerPath(): string | undefined {
    return this.callerPath;
  }

  /**
   * The peer's identity with `trustDomain` for a namespace peer that named none (the trust domain
   * of the mesh the callee belongs to). @internal
   */
  public _identityIn(trustDomain: string | undefined): Identity {
    if (!this.isNamespace || this.trustDomain !== undefined || trustDomain === undefined) return this.sourceIdentity;
    return Identity.namespace(this.sourceIdentity.namespaceName!, { trustDomain });
  }

  /** The peer as written in messages: `namespace monitoring`, a principal, or a construct path. */
  public toString(): string {
    return this.callerPath ?? this.sourceIdentity.toString();
  }
}

function isConstructWithIdentity(value: unknown): value is IConstruct & { identity: Identity } {
  const v = value as { node?: { path?: unknown }; identity?: unknown } | undefined;
  return typeof v === 'object' && v !== null && typeof v.node?.path === 'string' && v.identity instanceof Identity;
}

/**
 * Checks a namespace name as `source.namespaces` takes it: a DNS label, or `*`, or one with a `*`
 * at its start or end. @internal
 */
export function _checkNamespacePattern(problems: _Problems, prop: string, namespace: unknown): void {
  const value = typeof namespace === 'string' ? namespace : '';
  const bare = value.replace(/^\*/, '').replace(/\*$/, '');
  // A name alone is a namespace (a DNS label); with a `*` at one end, the rest is a prefix or suffix
  // of one, so it may start or end with '-' (`prod-*`).
  const wildcard = bare !== value;
  const ok = value === '*' || (!wildcard ? _isDnsLabel(value)
    : bare.length > 0 && bare.length <= _MAX_LABEL_LENGTH && /^[a-z0-9-]+$/.test(bare) && !(value.startsWith('*') && value.endsWith('*')));
  problems.check(ok, prop, 'must be a namespace name (a DNS label: at most 63 lower-case letters, digits and \'-\'), optionally with one \'*\' at its start or end',
    namespace, `Use a name such as '${String(namespace ?? '').toLowerCase().replace(/[^a-z0-9-*]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'monitoring'}'.`);
}

/**
 * Checks that `value` is a MeshPeer, for callers from plain JavaScript: a string, an Identity or a
 * construct where a MeshPeer belongs gets the call that makes one. @internal
 */
export function _checkPeer(problems: _Problems, prop: string, value: unknown): value is MeshPeer {
  if (value instanceof MeshPeer) return true;
  problems.add(prop, value === undefined || value === null ? 'is required' : 'must be a MeshPeer', value, peerFix(value));
  return false;
}

function peerFix(value: unknown): string {
  if (typeof value === 'string') {
    return value.includes('/ns/') ? `Write MeshPeer.identity(Identity.principal('${value}')).`
      : `Write MeshPeer.namespace('${value}') for every workload of that namespace, or MeshPeer.identity(Identity.fromNames('${value}', '<service account>')) for one service account.`;
  }
  if (value instanceof Identity) return `Wrap it: MeshPeer.identity(${value.isAnyAuthenticated ? 'Identity.anyAuthenticated()' : 'identity'}).`;
  if (isConstructWithIdentity(value)) {
    return (value as { selector?: unknown }).selector !== undefined ? 'Wrap it: MeshPeer.service(service).' : 'Wrap it: MeshPeer.gateway(gateway).';
  }
  return 'Name the caller with MeshPeer.service(), MeshPeer.identity(), MeshPeer.namespace() or MeshPeer.gateway().';
}
