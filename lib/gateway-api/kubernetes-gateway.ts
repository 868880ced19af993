import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _snapshot } from '../core/_compact';
import { _constructSubject, _Problems, _requireProps } from '../core/_errors';
import { _isGatewayApiHostname } from '../core/_host';
import { _gatewayApiL1 } from '../core/_l1';
import { _isDnsSubdomain } from '../core/_names';
import { _checkPort } from '../core/_port';
import { _checkNotSynthesized } from '../core/_synth';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { PolicyTargetRef } from '../core/selector';


/**
 * The protocol of a Gateway API listener. The member carries the wire value.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#protocoltype
 */
export enum ListenerProtocol {
  /** Plain HTTP; routes attach with HTTPRoute. */
  HTTP = 'HTTP',
  /** HTTP over TLS, terminated at the gateway with the listener's certificates. */
  HTTPS = 'HTTPS',
  /** TLS, passed through or terminated; routes attach with TLSRoute. */
  TLS = 'TLS',
  /** Opaque TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /**
   * Istio's HBONE tunnel (HTTP CONNECT over mTLS on port 15008): the listener of a waypoint.
   *
   * @see https://istio.io/latest/docs/ambient/usage/waypoint/
   */
  HBONE = 'HBONE',
}

/**
 * A kind of route a listener accepts (`allowedRoutes.kinds`). The member carries the wire value.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#routegroupkind
 */
export enum RouteKind {
  /** HTTPRoute (`GatewayHttpRoute`), on HTTP and HTTPS listeners. */
  HTTP_ROUTE = 'HTTPRoute',
  /** GRPCRoute (`GatewayGrpcRoute`), on HTTP and HTTPS listeners. */
  GRPC_ROUTE = 'GRPCRoute',
  /** TLSRoute (`GatewayTlsRoute`), on TLS listeners. */
  TLS_ROUTE = 'TLSRoute',
  /** TCPRoute (`GatewayTcpRoute`, experimental channel), on TCP listeners and TLS listeners that terminate. */
  TCP_ROUTE = 'TCPRoute',
}

/** The route kinds each listener protocol can carry (Gateway API spec, "Listener.AllowedRoutes"). */
const KINDS_BY_PROTOCOL: { [protocol: string]: RouteKind[] } = {
  HTTP: [RouteKind.HTTP_ROUTE, RouteKind.GRPC_ROUTE],
  HTTPS: [RouteKind.HTTP_ROUTE, RouteKind.GRPC_ROUTE],
  TLS: [RouteKind.TLS_ROUTE, RouteKind.TCP_ROUTE],
  TCP: [RouteKind.TCP_ROUTE],
};

/**
 * Which namespaces may attach routes to a listener (`allowedRoutes.namespaces`), and of which kinds
 * (`allowedRoutes.kinds`).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#routenamespaces
 */
export class AllowedRoutes {
  /** Routes of the Gateway's own namespace only (`from: Same`). */
  public static sameNamespace(): AllowedRoutes {
    return new AllowedRoutes({ namespaces: { from: _gatewayApiL1().GatewaySpecListenersAllowedRoutesNamespacesFrom.SAME } });
  }

  /** Routes of every namespace (`from: All`). */
  public static allNamespaces(): AllowedRoutes {
    return new AllowedRoutes({ namespaces: { from: _gatewayApiL1().GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL } });
  }

  /** Routes of the namespaces that carry all of these labels (`from: Selector`). */
  public static namespacesWithLabels(labels: { [key: string]: string }): AllowedRoutes {
    return new AllowedRoutes({
      namespaces: { from: _gatewayApiL1().GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR, selector: { matchLabels: { ...labels } } },
    });
  }

  /**
   * Routes of these kinds only, from the Gateway API's default namespaces (the Gateway's own):
   * `allowedRoutes: { kinds: [...] }`.
   *
   * @example AllowedRoutes.ofKinds([RouteKind.TCP_ROUTE])
   */
  public static ofKinds(kinds: RouteKind[]): AllowedRoutes {
    return new AllowedRoutes({}).withKinds(kinds);
  }

  private constructor(private readonly spec: k8s.GatewaySpecListenersAllowedRoutes) {}

  /**
   * The same namespaces, and routes of these kinds only (`allowedRoutes.kinds`).
   *
   * @example AllowedRoutes.allNamespaces().withKinds([RouteKind.TLS_ROUTE])
   */
  public withKinds(kinds: RouteKind[]): AllowedRoutes {
    const problems = new _Problems('AllowedRoutes.withKinds');
    const list = Array.isArray(kinds) ? kinds : [];
    problems.check(list.length > 0 && list.length <= 8, 'kinds', 'must hold 1 to 8 route kinds', kinds, 'Give the kinds, such as [RouteKind.HTTP_ROUTE].');
    list.forEach((k, i) => problems.check(Object.values(RouteKind).includes(k), `kinds[${i}]`, 'must be a RouteKind', k,
      `Use one of ${Object.values(RouteKind).join(', ')}.`));
    problems.check(new Set(list).size === list.length, 'kinds', 'must not name a kind twice', kinds, 'Give each kind once.');
    problems.throwIfAny();
    return new AllowedRoutes({ ...this.spec, kinds: list.map((kind) => ({ kind })) });
  }

  /**
   * The route kinds allowed, when restricted.
   *
   * @default - the kinds the listener's protocol carries
   */
  public get kinds(): RouteKind[] | undefined {
    return this.spec.kinds?.map((k) => k.kind as RouteKind);
  }

  /** @internal */
  public _toKube(): k8s.GatewaySpecListenersAllowedRoutes {
    return this.spec;
  }
}

/**
 * One listener of a Gateway API Gateway: a port, a protocol, and the host names and routes it
 * accepts.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listener
 */
export interface GatewayListener {
  /** The listener's name, unique in the Gateway (`http`, `https`, `mesh`); routes name it as `sectionName`. */
  readonly name: string;

  /** The port to listen on, 1 to 65535. */
  readonly port: number;

  /** The protocol of the port. */
  readonly protocol: ListenerProtocol;

  /**
   * The host name requests must carry (`bookinfo.example.com`, `*.example.com`).
   *
   * @default - every host name
   */
  readonly hostname?: string;

  /**
   * Which namespaces may attach routes.
   *
   * @default - the Gateway API's default: routes of the Gateway's own namespace
   */
  readonly allowedRoutes?: AllowedRoutes;

  /**
   * Names of the TLS Secrets (in the Gateway's namespace) that terminate TLS on an HTTPS or TLS
   * listener (`tls.mode: Terminate`).
   *
   * @default - no TLS; required for HTTPS
   */
  readonly certificateSecrets?: string[];

  /**
   * Pass TLS through to the backends, routed by SNI (`tls.mode: Passthrough`), on a TLS listener;
   * TLSRoutes attach to it.
   *
   * @default false
   * @see https://gateway-api.sigs.k8s.io/guides/tls/
   */
  readonly tlsPassthrough?: boolean;
}

/** Props of a KubernetesGateway. */
export interface KubernetesGatewayProps extends MeshResourceProps {
  /**
   * The GatewayClass: `istio` for an ingress gateway Istio deploys, `istio-waypoint` for a waypoint
   * (see `Waypoint`).
   *
   * @default 'istio'
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/
   */
  readonly gatewayClassName?: string;

  /**
   * The listeners.
   *
   * @default - none; add with `addListener()`
   */
  readonly listeners?: GatewayListener[];
}

/**
 * A Kubernetes Gateway API `Gateway` (`gateway.networking.k8s.io/v1`): listeners of a gateway that
 * Istio deploys and programs for its class. With class `istio` it is an ingress gateway; HTTPRoutes
 * (`GatewayHttpRoute`) attach to it by `parentRefs`. Named so as not to clash with Istio's own
 * `Gateway` kind.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/
 * @example
 * new KubernetesGateway(chart, 'bookinfo-gateway', {
 *   listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.sameNamespace() }],
 * });
 */
export class KubernetesGateway extends MeshResource {
  /** The L1 object this construct renders into. */
  public readonly apiObject: k8s.Gateway;

  /**
   * The class of the Gateway.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewayclass
   */
  public readonly gatewayClassName: string;

  /** @internal */
  protected readonly _subject: string;
  private readonly listeners: GatewayListener[] = [];

  public constructor(scope: Construct, id: string, props: KubernetesGatewayProps = {}) {
    super(scope, id);
    this._subject = _constructSubject(new.target.name, scope, id);
    _requireProps(this._subject, props, {});
    this.gatewayClassName = props.gatewayClassName ?? 'istio';
    const problems = new _Problems(this._subject);
    problems.check(_isDnsSubdomain(this.gatewayClassName), 'gatewayClassName',
      'must name a GatewayClass (a DNS subdomain)', this.gatewayClassName, 'Use \'istio\' for an Istio ingress gateway.');
    (props.listeners ?? []).forEach((l, i) => this.checkListener(problems, `listeners[${i}]`, l, props.listeners!.slice(0, i)));
    problems.throwIfAny();
    this.listeners.push(...(props.listeners ?? []).map((l) => _snapshot(l)));
    this.warnTcp();
    this.apiObject = new (_gatewayApiL1()).Gateway(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }) as any,
    });
    this.node.addValidation({
      validate: () => new _Problems(this._subject)
        .check(this.listeners.length > 0, 'listeners', 'must not be empty: a Gateway needs at least one listener', [],
          'Add a listener with listeners: [...] or addListener().')
        .messages(),
    });
  }

  /**
   * A reference to this Gateway for the `targetRefs` of an AuthorizationPolicy, RequestAuthentication
   * or Telemetry.
   *
   * @see https://istio.io/latest/docs/reference/config/type/workload-selector/#PolicyTargetReference
   */
  public get targetRef(): PolicyTargetRef {
    return PolicyTargetRef.gateway(this.name);
  }

  /**
   * Adds a listener.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#listener
   */
  public addListener(listener: GatewayListener): void {
    _checkNotSynthesized(this, 'KubernetesGateway', 'addListener');
    _requireProps(this._subject, listener, { name: 'Give the listener a name, such as \'http\'.', port: 'Give the port, such as 80.', protocol: 'Give the protocol, such as ListenerProtocol.HTTP.' }, 'listener');
    const problems = new _Problems(this._subject);
    this.checkListener(problems, `listeners[${this.listeners.length}]`, listener, this.listeners);
    problems.throwIfAny();
    this.listeners.push(_snapshot(listener));
    this.warnTcp();
  }

  /** @internal */
  public _toKube(): k8s.GatewaySpec {
    return {
      gatewayClassName: this.gatewayClassName,
      listeners: this.listeners.map((l) => ({
        name: l.name,
        ...(l.hostname !== undefined ? { hostname: l.hostname } : {}),
        port: l.port,
        protocol: l.protocol,
        ...(l.certificateSecrets && l.certificateSecrets.length > 0
          ? { tls: { mode: _gatewayApiL1().GatewaySpecListenersTlsMode.TERMINATE, certificateRefs: l.certificateSecrets.map((name) => ({ name })) } }
          : {}),
        ...(l.tlsPassthrough ? { tls: { mode: _gatewayApiL1().GatewaySpecListenersTlsMode.PASSTHROUGH } } : {}),
        ...(l.allowedRoutes ? { allowedRoutes: l.allowedRoutes._toKube() } : {}),
      })),
    };
  }

  /** Istio 1.30 programs TCP listeners only with the alpha Gateway API flag (pilot/pkg/config/kube/gateway/conversion.go). */
  private warnTcp(): void {
    const warning = 'a TCP listener needs istiod with PILOT_ENABLE_ALPHA_GATEWAY_API=true (and TCPRoutes need the Gateway API experimental-channel CRDs)';
    if (this.listeners.some((l) => l.protocol === ListenerProtocol.TCP) && !this.node.metadata.some((m) => m.data === warning)) {
      this.node.addMetadata('cdk8s-istio:warning', warning);
    }
  }

  private checkListener(problems: _Problems, prop: string, l: GatewayListener, before: GatewayListener[]): void {
    problems.check(_isDnsSubdomain(l.name), `${prop}.name`,
      'must be a DNS subdomain (lower-case letters, digits, \'-\' and \'.\')', l.name, 'Use a name such as \'http\'.');
    problems.check(!before.some((b) => b.name === l.name), `${prop}.name`, 'must be unique among the listeners', l.name,
      'Give each listener its own name.');
    _checkPort(problems, `${prop}.port`, l.port, 'Give the port to listen on, such as 80.');
    if (l.hostname !== undefined) {
      problems.check(_isGatewayApiHostname(l.hostname), `${prop}.hostname`,
        'must be a lower-case host name, optionally starting with \'*.\'', l.hostname, 'Use a host such as \'bookinfo.example.com\'.');
    }
    const tls = (l.certificateSecrets ?? []).length > 0;
    problems.check(l.protocol !== ListenerProtocol.HTTPS || tls, `${prop}.certificateSecrets`,
      'must name at least one TLS Secret on an HTTPS listener: the gateway terminates TLS', l.certificateSecrets,
      'Give the Secret holding the certificate, such as [\'bookinfo-credential\'], or use ListenerProtocol.HTTP.');
    problems.check(!tls || l.protocol === ListenerProtocol.HTTPS || l.protocol === ListenerProtocol.TLS, `${prop}.certificateSecrets`,
      `applies to HTTPS and TLS listeners only (protocol: ${l.protocol})`, l.certificateSecrets,
      'Remove certificateSecrets, or use ListenerProtocol.HTTPS.');
    const kinds = l.allowedRoutes?.kinds;
    const carried = KINDS_BY_PROTOCOL[l.protocol];
    if (kinds && carried) {
      const passthrough = l.protocol === ListenerProtocol.TLS && l.tlsPassthrough;
      const wrong = kinds.filter((k) => !carried.includes(k) || (k === RouteKind.TCP_ROUTE && passthrough));
      problems.check(wrong.length === 0, `${prop}.allowedRoutes.kinds`, `must name kinds a ${l.protocol} listener carries (${carried.join(', ')})`, wrong,
        'Remove the other kinds, or change the listener\'s protocol: Istio marks the listener invalid (InvalidRouteKinds).');
    }
    if (l.tlsPassthrough) {
      problems.check(l.protocol === ListenerProtocol.TLS, `${prop}.tlsPassthrough`, `applies to TLS listeners only (protocol: ${l.protocol})`, true,
        'Use ListenerProtocol.TLS, or leave tlsPassthrough out.');
      problems.check(!tls, `${prop}.tlsPassthrough`, 'cannot be combined with certificateSecrets: a passthrough listener does not terminate TLS', l.certificateSecrets,
        'Leave certificateSecrets out, or tlsPassthrough to terminate.');
    }
  }
}
