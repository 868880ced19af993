import { ApiObject, Chart, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _hostsOverlap, _serverServes, _splitServerHost } from './_gateway-hosts';
import { _backendRef, _checkGatewayApiServer, _GATEWAY_HOSTNAME, _gatewayMatches, _gatewayRewrite, _IngressHttpRoute, _ServiceBackend, _serviceOfHost } from './_ingress-gateway-api';
import { _IngressStreams } from './_ingress-tcp';
import { _namePrefix } from './_ports';
import { IngressTcpExposeOptions, IngressTcpServerOptions, IngressTlsExposeOptions } from './ingress-stream';
import { MeshControlPlane } from './mesh-control-plane';
import { IMeshGateway, MeshPeer } from './mesh-peer';
import { MeshService } from './mesh-service';
import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _declare } from '../core/_declarations';
import { _validateDerivedNames } from '../core/_derived-names';
import { _constructSubject, _didYouMean, _Problems, _requireArg, _requireProps } from '../core/_errors';
import { _hostProblem } from '../core/_host';
import { _declareIntents, _Intent, _withNamespaceGuard } from '../core/_intents';
import { _gatewayApiL1 } from '../core/_l1';
import { _DNS_LABEL, _DNS_SUBDOMAIN } from '../core/_names';
import { _isPort } from '../core/_port';
import { _checkNotSynthesized, _watchSynth, _whileRendering } from '../core/_synth';
import { DataPlaneMode, RoutingApi } from '../core/dataplane';
import { HttpMethod } from '../core/http-method';
import { Identity } from '../core/identity';
import { MeshLabels } from '../core/labels';
import { Protocol } from '../core/protocol';
import { WorkloadSelector } from '../core/selector';
import { GatewayRedirectScheme, GatewayUrlRewrite } from '../gateway-api/gateway-http-filters';
import { GatewayHttpMatch } from '../gateway-api/gateway-http-match';
import { GatewayHttpRoute } from '../gateway-api/gateway-http-route';
import { GatewayTcpRoute } from '../gateway-api/gateway-tcp-route';
import { GatewayTlsRoute } from '../gateway-api/gateway-tls-route';
import { AllowedRoutes, KubernetesGateway, ListenerProtocol } from '../gateway-api/kubernetes-gateway';
import { ParentRef } from '../gateway-api/route-refs';
import { Destination } from '../networking/destination';
import { Gateway } from '../networking/gateway';
import { HttpMatch } from '../networking/http-match';
import { HttpRewrite } from '../networking/http-route';
import { RetryPolicy } from '../networking/retry';
import { ServerTls, ServerTlsMode } from '../networking/server-tls';
import { VirtualService } from '../networking/virtual-service';

const HTTP_PREFIXES = ['http', 'http2', 'grpc', 'grpc-web'];
const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/**
 * A server of the ingress gateway: a port and the hosts it serves.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
 */
export interface IngressServerOptions {
  /**
   * The hosts served, `[namespace/]host`: `bookinfo.example.com`, `*.example.com`, `*`, or
   * `bookinfo/*` to take routes only from VirtualServices of the `bookinfo` namespace.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
   */
  readonly hosts: string[];

  /**
   * The port the gateway listens on.
   *
   * @default - 80 for an HTTP server, 443 for an HTTPS server
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Port
   */
  readonly port?: number;

  /**
   * The name of the port; unique in the Gateway.
   *
   * @default - `http` or `https`; `<that>-<port>` when the name is taken, then `<that>-<port>-2` ...
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Port
   */
  readonly portName?: string;

  /**
   * The port on the gateway pods, when it differs from `port`. Not with `RoutingApi.GATEWAY_API`,
   * where Istio deploys the gateway listening on the listener's port.
   *
   * @default - the same as `port`
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Port
   */
  readonly targetPort?: number;

  /**
   * A name for the server, unique in the Gateway. With `RoutingApi.GATEWAY_API`, the name of its
   * listeners (`<name>-1`, `<name>-2` ... when it serves several hosts).
   *
   * @default - unnamed; with `RoutingApi.GATEWAY_API` the listeners are named after `portName`
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
   */
  readonly name?: string;
}

/**
 * A plain-HTTP server of the ingress gateway.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
 */
export interface IngressHttpServerOptions extends IngressServerOptions {
  /**
   * Answer every request with a 301 redirect to HTTPS instead of routing it (`tls.httpsRedirect`).
   * An HTTPS server of the gateway must serve the same hosts. With `RoutingApi.GATEWAY_API`, an
   * HTTPRoute `<name>-https-redirect` with a `RequestRedirect` filter on this server's listeners.
   *
   * @default false
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
   */
  readonly httpsRedirect?: boolean;
}

/**
 * An HTTPS server of the ingress gateway.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/
 */
export interface IngressHttpsServerOptions extends IngressServerOptions {
  /**
   * The TLS of the server: `ServerTls.simple({ credentialName })` or `ServerTls.mutual({ credentialName })`
   * with a Secret in the gateway's namespace, or `ServerTls.passthrough()` to forward TLS by SNI
   * (exposed routes are HTTP routes, so a passthrough server takes none of them). With
   * `RoutingApi.GATEWAY_API`: `simple()` with only the Secrets (a `Terminate` listener) or
   * `passthrough()` (a TLS `Passthrough` listener); other modes and settings fail.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
   */
  readonly tls: ServerTls;
}

/** Props of an IngressGateway. */
export interface IngressGatewayProps {
  /**
   * The name of the Gateway object.
   *
   * @default - the construct id
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/
   */
  readonly name?: string;

  /**
   * The namespace of the Gateway object; TLS Secrets (`credentialName`) must live in the namespace
   * of the gateway pods.
   *
   * @default - the chart's namespace, else none (the namespace `kubectl apply` uses)
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/
   */
  readonly namespace?: string;

  /**
   * The gateway pods that serve this configuration, by their labels. Not with
   * `RoutingApi.GATEWAY_API`: Istio deploys the gateway of a Gateway API `Gateway` itself.
   *
   * @default - `istio: ingressgateway`, the labels of the ingress gateway of Istio's default install
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Gateway
   */
  readonly selector?: WorkloadSelector;

  /**
   * Plain-HTTP servers.
   *
   * @default - none; add with `addHttpServer()`
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
   */
  readonly httpServers?: IngressHttpServerOptions[];

  /**
   * HTTPS servers.
   *
   * @default - none; add with `addHttpsServer()`
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/
   */
  readonly httpsServers?: IngressHttpsServerOptions[];

  /**
   * TCP servers: ports whose connections the gateway forwards as opaque TCP (`exposeTcp()`). With
   * `RoutingApi.GATEWAY_API` they become TCP listeners for TCPRoutes, which need the Gateway API
   * experimental channel and istiod with `PILOT_ENABLE_ALPHA_GATEWAY_API=true`.
   *
   * @default - none; add with `addTcpServer()`
   * @see https://istio.io/latest/docs/tasks/traffic-management/tcp-traffic-shifting/
   */
  readonly tcpServers?: IngressTcpServerOptions[];

  /**
   * With `RoutingApi.GATEWAY_API`, let routes of every namespace attach to the listeners of hosts
   * without a namespace part (`allowedRoutes.namespaces.from: All`), as an Istio Gateway server host
   * without a namespace admits VirtualServices of every namespace. No effect with `RoutingApi.ISTIO`.
   *
   * Without it, only routes of `routesNamespace` attach (a server host `ns/h`, or `*` and `/h`, chooses per host).
   *
   * @default false
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#routenamespaces
   */
  readonly allowRoutesFromAllNamespaces?: boolean;

  /**
   * The namespace of the VirtualServices the `expose*()` methods create.
   *
   * @default - the Gateway's namespace
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
   */
  readonly routesNamespace?: string;

  /**
   * Whether the Istio Gateway's server hosts written without a namespace part are emitted as
   * `<routesNamespace>/<host>` (`./<host>` when no namespace is known), so that only VirtualServices of
   * the routes' namespace can bind to them. Istio reads a bare host as `*` + `/host`: a VirtualService in
   * any namespace could take over the gateway's traffic for it. `false` emits the hosts as written; to
   * widen one host on purpose, write its namespace part (`*` or another namespace, then `/` and the host).
   * The Gateway API listeners get the same scope through `allowedRoutes`.
   *
   * @default true
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
   */
  readonly restrictHostsToRoutesNamespace?: boolean;

  /**
   * The API the gateway is configured with. `RoutingApi.ISTIO`: an Istio `Gateway` for existing
   * ingress gateway pods (`selector`) and VirtualServices bound to it. `RoutingApi.GATEWAY_API`: a
   * Gateway API `Gateway` of class `istio` (Istio deploys its Deployment and Service
   * `<name>-istio`), a listener per server host, and HTTPRoutes attached to it.
   *
   * @default RoutingApi.ISTIO
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/
   */
  readonly routing?: RoutingApi;

  /**
   * The identity the gateway's pods call the services with: the principal an AuthorizationPolicy of a
   * zero-trust namespace must allow for traffic from this gateway to reach them
   * (`service.allowFrom(MeshPeer.gateway(ingress))`). Give it when the gateway runs under another service
   * account, such as a Helm-installed gateway (its release name in its namespace).
   *
   * @default - `RoutingApi.ISTIO`: the service account of the default profile's ingress gateway,
   * `istio-system/istio-ingressgateway-service-account`; `RoutingApi.GATEWAY_API`: the one Istio creates for
   * the Gateway, `<name>-istio` in the Gateway's namespace (`default` when it has none)
   * @see https://istio.io/latest/docs/ops/configuration/security/security-policy-examples/
   */
  readonly identity?: Identity;
}

/** What every `expose*()` call takes: the hosts, the requests and the route's settings. */
export interface IngressExposeOptions {
  /**
   * The hosts (`Host` header / SNI) the route applies to; each must be served by an HTTP or
   * terminating HTTPS server of the gateway.
   *
   * @default - every host the gateway's HTTP and terminating HTTPS servers serve
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
   */
  readonly hosts?: string[];

  /**
   * The requests the route takes, such as `HttpMatch.prefix('/api')`; any of them.
   *
   * @default - every request for the hosts
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
   */
  readonly match?: HttpMatch[];

  /**
   * The VirtualService (with `RoutingApi.GATEWAY_API`, the HTTPRoute) the route goes into. Routes
   * for the same hosts share one VirtualService, evaluated in the order they were exposed (an
   * HTTPRoute orders its rules by how specific their matches are).
   *
   * @default - the Gateway's name for the first set of hosts, `<name>-2`, `<name>-3` ... for others
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
   */
  readonly virtualServiceName?: string;

  /**
   * A name for the route, shown in access logs.
   *
   * @default - unnamed
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  readonly routeName?: string;

  /**
   * The timeout of requests on the route.
   *
   * @default - Istio's own default: no timeout
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  readonly timeout?: Duration;

  /**
   * Retries of requests on the route, at the gateway. Not with `RoutingApi.GATEWAY_API` (the
   * standard-channel HTTPRoute has no retries).
   *
   * @default - Istio's own default: 2 attempts on connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
   */
  readonly retries?: RetryPolicy;

  /**
   * A rewrite of the path or authority before forwarding. With `RoutingApi.GATEWAY_API`, a URLRewrite
   * filter: the path rewrite needs one prefix match or exact matches only.
   *
   * @default - no rewrite
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRewrite
   */
  readonly rewrite?: HttpRewrite;
}

/** Options of `exposeService()`. */
export interface IngressServiceOptions extends IngressExposeOptions {
  /**
   * The Service port to send requests to.
   *
   * @default - the Service's only port; required when it has several
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination
   */
  readonly port?: number;
}

/** Options of `exposeMeshService()`. */
export interface IngressMeshServiceOptions extends IngressServiceOptions {
  /**
   * Carry the MeshService's traffic split (its VirtualService's subsets and weights for the port)
   * into the gateway's route, as it stands at synth: so a canary step applies to requests entering
   * through the gateway too. The gateway's Envoy applies only the VirtualServices bound to the
   * gateway, never the service's own mesh VirtualService.
   *
   * `false` routes to the Service without a subset: requests are spread over the pods of every
   * version, in proportion to their number, whatever the split says.
   *
   * The split is carried across routing APIs where it can be: a MeshService routed with
   * `RoutingApi.GATEWAY_API` is split over its version Services `<name>-<version>` (as weighted
   * destinations of the VirtualService, or backends of the HTTPRoute). A MeshService routed with
   * `RoutingApi.ISTIO` behind a `RoutingApi.GATEWAY_API` gateway has only subsets, which the Gateway
   * API cannot name: with more than one version that fails at synth unless this is `false`.
   *
   * @default true
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
   */
  readonly followTrafficSplit?: boolean;
}

/** A server, as the pattern checks it. */
interface ServerRecord {
  readonly https: boolean;
  readonly port: number;
  readonly portName: string;
  readonly hosts: string[];
  readonly routes: boolean;
  readonly redirect: boolean;
  readonly prop: string;
  /** The listener names' base (Gateway API): the server name, else the port name. */
  readonly listenerBase: string;
  /** The Secrets of a terminating server (Gateway API). */
  readonly certificates: string[];
  readonly passthrough: boolean;
}

/** A Gateway API listener, as the pattern attaches routes to it. */
interface ListenerRecord {
  readonly name: string;
  readonly port: number;
  readonly passthrough: boolean;
  readonly serverHost: string;
  readonly routes: boolean;
  readonly redirect: boolean;
}

/** An exposure's checked hosts, and its Gateway API match and rewrite. */
interface CheckedExposure {
  readonly hosts: string[];
  readonly matches?: GatewayHttpMatch[];
  readonly urlRewrite?: GatewayUrlRewrite;
}

/** Where a route sends requests, decided at synth (so later traffic splits are seen). */
type Backends = () => Destination[];

/** One exposure, kept apart from the objects it renders into (Istio VirtualService today). */
interface ExposureRecord {
  readonly hosts: string[];
  readonly backends: Backends;
  readonly replace: (destinations: Destination[]) => void;
}

/**
 * A VirtualService bound to the gateway whose routes that follow a MeshService's split are
 * refreshed when it renders.
 */
class IngressVirtualService extends VirtualService {
  public readonly exposures: ExposureRecord[] = [];
  public readonly exposedHosts: string[] = [];

  /** @internal */
  public _toKube() {
    _whileRendering(() => this.exposures.forEach((e) => e.replace(e.backends())));
    return super._toKube();
  }
}

/**
 * An ingress gateway configuration: an Istio Gateway for the ingress gateway pods (HTTP and HTTPS
 * servers, TLS from Secrets, HTTP-to-HTTPS redirects) and the VirtualServices bound to it that the
 * `expose*()` methods fill with routes to MeshServices, cdk8s-plus Services or any host. With
 * `routing: RoutingApi.GATEWAY_API`, the same servers and exposures render as a Gateway API
 * `Gateway` of class `istio` (a listener per server host) and HTTPRoutes attached to it.
 *
 * Hosts are checked the way Istio matches them: every host a route is exposed on must be served by
 * one of the gateway's servers (wildcards and `namespace/host` included).
 *
 * Canary releases: the gateway's Envoy applies only VirtualServices bound to the gateway, so a
 * MeshService's own (mesh) VirtualService and its weights do not apply to requests entering here.
 * `exposeMeshService()` therefore copies the service's current subsets and weights into the
 * gateway's route when the app is synthesized (`followTrafficSplit`, on by default).
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/
 * @example
 * const ingress = new IngressGateway(chart, 'bookinfo-gateway', { httpServers: [{ port: 8080, hosts: ['*'] }] });
 * ingress.exposeHost('productpage', 9080, { match: [HttpMatch.exact('/productpage'), HttpMatch.prefix('/static')] });
 */
export class IngressGateway extends Construct implements IMeshGateway {
  /**
   * The labels of the ingress gateway pods of Istio's default install.
   *
   * @see https://istio.io/latest/docs/setup/additional-setup/gateway/
   */
  public static readonly DEFAULT_SELECTOR: { [key: string]: string } = { istio: 'ingressgateway' };

  /** The namespace of the default profile's ingress gateway: `istio-system`. */
  public static readonly DEFAULT_IDENTITY_NAMESPACE = 'istio-system';

  /** The service account of the default profile's ingress gateway: `istio-ingressgateway-service-account`. */
  public static readonly DEFAULT_SERVICE_ACCOUNT = 'istio-ingressgateway-service-account';

  /**
   * The Istio Gateway object.
   *
   * @default - none with `RoutingApi.GATEWAY_API`
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/
   */
  public readonly gateway?: Gateway;

  /**
   * The Gateway API Gateway (class `istio`), with `RoutingApi.GATEWAY_API`.
   *
   * @default - none with `RoutingApi.ISTIO`
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/
   */
  public readonly kubernetesGateway?: KubernetesGateway;

  /**
   * The API the gateway is configured with.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/
   */
  public readonly routing: RoutingApi;

  /**
   * The identity of the gateway's pods, for the ALLOW rules of the services it exposes:
   * `meshService.allowFrom(MeshPeer.gateway(ingress), { paths })`. Exposing a service does not allow the
   * gateway by itself, since an ALLOW policy on a workload with none would deny its other callers.
   *
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
   */
  public readonly identity: Identity;

  /**
   * The name of the Gateway object.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/
   */
  public readonly name: string;

  /**
   * The namespace of the Gateway object, when it has one.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/
   */
  public readonly namespace?: string;

  /**
   * The namespace of the VirtualServices the `expose*()` methods create, when it has one.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
   */
  public readonly routesNamespace?: string;

  private readonly subject: string;
  private readonly servers: ServerRecord[] = [];
  private readonly vsByName = new Map<string, IngressVirtualService>();
  private readonly routeByName = new Map<string, _IngressHttpRoute>();
  private readonly listeners: ListenerRecord[] = [];
  private readonly grants = new Map<string, ApiObject>();
  private readonly grantedNames = new Map<string, Array<() => string[]>>();
  private redirectRoute?: GatewayHttpRoute;
  private readonly podLabels: { [key: string]: string };
  private readonly streams: _IngressStreams;
  private readonly allowRoutesFromAllNamespaces: boolean;

  public constructor(scope: Construct, id: string, props: IngressGatewayProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('IngressGateway', scope, id);
    _requireProps(this.subject, props, {});
    _watchSynth(this);
    _validateDerivedNames(this, 'IngressGateway');
    const problems = new _Problems(this.subject);
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    this.routesNamespace = props.routesNamespace ?? this.namespace;
    this.routing = props.routing ?? RoutingApi.ISTIO;
    this.allowRoutesFromAllNamespaces = props.allowRoutesFromAllNamespaces === true;
    const gatewayApi = this.routing === RoutingApi.GATEWAY_API;
    if (gatewayApi) {
      problems.check(props.selector === undefined, 'selector', 'cannot be used with RoutingApi.GATEWAY_API: Istio deploys and selects the pods of a '
        + `Gateway of class 'istio' itself (Deployment and Service '${this.name}-istio')`, props.selector?.matchLabels,
      'Leave selector out, or route with RoutingApi.ISTIO to configure existing ingress gateway pods.');
      problems.check(props.namespace !== undefined || Chart.of(this).namespace !== undefined || props.routesNamespace === undefined, 'routesNamespace',
        'needs the Gateway\'s namespace with RoutingApi.GATEWAY_API: HTTPRoutes in another namespace name their parent Gateway by namespace', props.routesNamespace,
        'Give the IngressGateway a namespace, or leave routesNamespace out.');
    }
    problems.check(this.name.length <= 253 && _DNS_SUBDOMAIN.test(this.name), 'name', 'must be a DNS subdomain: lower-case letters, digits, \'-\' and \'.\'',
      this.name, 'Use a name such as \'public-gateway\'.');
    for (const [prop, ns] of [['namespace', props.namespace], ['routesNamespace', props.routesNamespace]] as const) {
      if (ns !== undefined) problems.check(_DNS_LABEL.test(ns), prop, 'must be a namespace name (DNS label)', ns, 'Use lower-case letters, digits and \'-\', such as \'istio-system\'.');
    }
    // Each server is checked against those before it, as addHttpServer() checks against the committed ones.
    const checked: ServerRecord[] = [];
    const keep = (r: ServerRecord) => {
      checked.push(r);
      return r;
    };
    const http = (props.httpServers ?? []).map((s, i) => keep(this.checkServer(problems, `httpServers[${i}]`, s, false, undefined, checked)));
    const https = (props.httpsServers ?? []).map((s, i) => keep(this.checkServer(problems, `httpsServers[${i}]`, s, true, s.tls, checked)));
    problems.throwIfAny();
    this.identity = props.identity ?? (gatewayApi
      ? Identity.fromNames(this.namespace ?? 'default', `${this.name}-istio`)
      : Identity.fromNames(IngressGateway.DEFAULT_IDENTITY_NAMESPACE, IngressGateway.DEFAULT_SERVICE_ACCOUNT));

    if (gatewayApi) {
      this.kubernetesGateway = new KubernetesGateway(this, 'KubernetesGateway', {
        metadata: { name: this.name, namespace: props.namespace },
        gatewayClassName: 'istio',
      });
    } else {
      this.gateway = new Gateway(this, 'Gateway', {
        metadata: { name: this.name, namespace: props.namespace },
        selector: props.selector ?? WorkloadSelector.labels(IngressGateway.DEFAULT_SELECTOR),
        // Only the VirtualServices of the routes' namespace may bind to the hosts (Istio reads a bare host as `*/host`).
        routesNamespace: props.restrictHostsToRoutesNamespace === false ? undefined : this.routesNamespace ?? '.',
      });
      // The gateway pods are installed apart from the app (Istio's install, a Helm gateway chart): declared, not defined here.
      _declare(this, { workload: { labels: props.selector?.matchLabels ?? IngressGateway.DEFAULT_SELECTOR } });
    }
    // The gateway pods, as a trace names them: Istio labels the pods it deploys for a Gateway API Gateway with its name.
    this.podLabels = gatewayApi ? { 'gateway.networking.k8s.io/gateway-name': this.name } : { ...(props.selector?.matchLabels ?? IngressGateway.DEFAULT_SELECTOR) };
    (props.httpServers ?? []).forEach((s, i) => this.commitServer(http[i], s, undefined));
    (props.httpsServers ?? []).forEach((s, i) => this.commitServer(https[i], s, s.tls));
    this.streams = new _IngressStreams(this, {
      subject: this.subject,
      name: this.name,
      namespace: this.namespace,
      routesNamespace: this.routesNamespace,
      gateway: this.gateway,
      kubernetesGateway: this.kubernetesGateway,
      allowRoutesFromAllNamespaces: this.allowRoutesFromAllNamespaces,
      gatewayReference: (ns) => this.gatewayReference(ns),
      servers: () => this.servers.map((r) => ({
        ...r, listeners: this.listeners.filter((l) => l.passthrough && l.port === r.port).map((l) => l.name),
      })),
    });
    (props.tcpServers ?? []).forEach((s, i) => this.addTcpServerAs(s, `tcpServers[${i}]`));
    this.node.addValidation({ validate: () => this.validateRedirects() });
    if (this.gateway && props.selector === undefined) this.node.addValidation({ validate: () => this.validateGatewayPods() });
  }

  /**
   * How VirtualServices name this gateway in their `gateways`: `<namespace>/<name>`, or the name
   * alone from the gateway's own namespace.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
   */
  public gatewayReference(fromNamespace?: string): string {
    return this.namespace === undefined || this.namespace === fromNamespace ? this.name : `${this.namespace}/${this.name}`;
  }

  /**
   * The VirtualServices bound to the gateway, in creation order.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
   */
  public get virtualServices(): VirtualService[] {
    return [...this.vsByName.values(), ...this.streams.virtualServices.values()];
  }

  /**
   * The TCPRoutes (`RoutingApi.GATEWAY_API`) of `exposeTcp()`, in creation order.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#tcproute
   */
  public get tcpRoutes(): GatewayTcpRoute[] {
    return [...this.streams.tcpRoutes.values()];
  }

  /**
   * The TLSRoutes (`RoutingApi.GATEWAY_API`) of `exposeTls()`, in creation order.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#tlsroute
   */
  public get tlsRoutes(): GatewayTlsRoute[] {
    return [...this.streams.tlsRoutes.values()];
  }

  /**
   * Adds a TCP server: the gateway forwards the connections of the port as opaque TCP, to the
   * destinations `exposeTcp()` gives. With `RoutingApi.GATEWAY_API`, a TCP listener that accepts
   * TCPRoutes (experimental channel; istiod needs `PILOT_ENABLE_ALPHA_GATEWAY_API=true`).
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/tcp-traffic-shifting/
   */
  public addTcpServer(options: IngressTcpServerOptions): void {
    this.addTcpServerAs(options, `tcpServers[${this.streams.tcpServers.length}]`);
  }

  /**
   * Routes the connections of a TCP server to the destinations, split by their weights: a
   * VirtualService `tcp` route matching the server's port, or a TCPRoute on its listener.
   *
   * @returns the VirtualService the route went into; none with `RoutingApi.GATEWAY_API` (see `tcpRoutes`)
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TCPRoute
   * @example
   * ingress.exposeTcp([Destination.to('tcp-echo', { port: 9000, subset: 'v1', weight: 80 }), Destination.to('tcp-echo', { port: 9000, subset: 'v2', weight: 20 })]);
   */
  public exposeTcp(destinations: Destination[], options: IngressTcpExposeOptions = {}): VirtualService | undefined {
    return this.streams.exposeTcp(destinations, options);
  }

  /**
   * Routes the TLS connections of a passthrough server (`addHttpsServer` with
   * `ServerTls.passthrough()`) whose SNI is one of `sniHosts` to the destinations, without terminating
   * TLS: a VirtualService `tls` route, or a TLSRoute on the passthrough listeners.
   *
   * @returns the VirtualService the route went into; none with `RoutingApi.GATEWAY_API` (see `tlsRoutes`)
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-sni-passthrough/
   * @example
   * ingress.exposeTls(['nginx.example.com'], [Destination.to('my-nginx', { port: 443 })]);
   */
  public exposeTls(sniHosts: string[], destinations: Destination[], options: IngressTlsExposeOptions = {}): VirtualService | undefined {
    return this.streams.exposeTls(sniHosts, destinations, options);
  }

  /**
   * The HTTPRoutes attached to the Gateway with `RoutingApi.GATEWAY_API`, in creation order: one per
   * set of exposed hosts, and `<name>-https-redirect` for the servers with `httpsRedirect`.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/
   */
  public get httpRoutes(): GatewayHttpRoute[] {
    return [...(this.redirectRoute ? [this.redirectRoute] : []), ...this.routeByName.values()];
  }

  /**
   * The ReferenceGrants that let the HTTPRoutes reach Services of other namespaces, with
   * `RoutingApi.GATEWAY_API`: one `<name>-routes` per namespace of such Services.
   *
   * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
   */
  public get referenceGrants(): ApiObject[] {
    return [...this.grants.values()];
  }

  /**
   * Adds a plain-HTTP server (port 80 unless told), optionally redirecting to HTTPS.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
   */
  public addHttpServer(options: IngressHttpServerOptions): void {
    _checkNotSynthesized(this, 'IngressGateway', 'addHttpServer');
    _requireProps(this.subject, options, { hosts: 'Give the hosts the server answers for, such as [\'shop.example.com\'].' }, 'options');
    const problems = new _Problems(this.subject);
    const record = this.checkServer(problems, `httpServers[${this.servers.filter((s) => !s.https).length}]`, options, false, undefined);
    problems.throwIfAny();
    this.commitServer(record, options, undefined);
  }

  /**
   * Adds an HTTPS server (port 443 unless told) terminating TLS with the certificate of a Secret
   * (`credentialName`), or passing TLS through.
   *
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/
   * @example
   * ingress.addHttpsServer({ hosts: ['shop.example.com'], tls: ServerTls.simple({ credentialName: 'shop-cert' }) });
   */
  public addHttpsServer(options: IngressHttpsServerOptions): void {
    _checkNotSynthesized(this, 'IngressGateway', 'addHttpsServer');
    _requireProps(this.subject, options, { hosts: 'Give the hosts the server answers for, such as [\'shop.example.com\'].', tls: 'Give the TLS settings, such as ServerTls.simple(\'shop-cert\').' }, 'options');
    const problems = new _Problems(this.subject);
    const record = this.checkServer(problems, `httpsServers[${this.servers.filter((s) => s.https).length}]`, options, true, options.tls);
    problems.throwIfAny();
    this.commitServer(record, options, options.tls);
  }

  /**
   * Routes requests for the hosts through the gateway to any host the mesh knows (a Service name
   * or FQDN, a ServiceEntry host) on a port. With `RoutingApi.GATEWAY_API` the host must name a
   * Service (`name`, or `name.namespace.svc.cluster.local`): HTTPRoute backends are Services.
   * Without a port, the destination names none, which Istio allows when the host has one port
   * (`RoutingApi.GATEWAY_API` needs it: a Service backend names its port).
   *
   * @returns the VirtualService the route went into; none with `RoutingApi.GATEWAY_API` (see `httpRoutes`)
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination
   * @example
   * ingress.exposeHost('productpage', 9080, { match: [HttpMatch.exact('/productpage')] });
   */
  public exposeHost(host: string, port?: number, options: IngressExposeOptions = {}): VirtualService | undefined {
    _checkNotSynthesized(this, 'IngressGateway', 'exposeHost');
    _requireArg(this.subject, 'host', host, 'Give the host to expose, such as \'shop.example.com\'.');
    const problems = new _Problems(this.subject);
    const problem = _hostProblem(host, { allowStar: false, allowWildcard: false });
    if (problem) problems.add('host', problem, host, 'Give a Service name, a Service FQDN or a ServiceEntry host, such as \'productpage\'.');
    if (port !== undefined || this.routing === RoutingApi.GATEWAY_API) {
      problems.check(_isPort(port), 'port', port === undefined ? 'must be given with RoutingApi.GATEWAY_API: an HTTPRoute backend names its Service port'
        : 'must be a port number from 1 to 65535', port, 'Give the port of the host, such as 9080.');
    }
    const service = _serviceOfHost(host);
    if (this.routing === RoutingApi.GATEWAY_API && !problem) {
      problems.check(service !== undefined, 'host', 'must name a Service with RoutingApi.GATEWAY_API (its name, or <name>.<namespace>.svc.cluster.local): '
        + 'HTTPRoute backends are Services', host, 'Expose a Service of the cluster, or route with RoutingApi.ISTIO to reach a ServiceEntry host.');
    }
    const checked = this.checkExposure(problems, options);
    const namespace = service?.namespace !== this.routesNamespace ? service?.namespace : undefined;
    if (this.routing === RoutingApi.GATEWAY_API) this.checkGrant(problems, 'host', namespace);
    problems.throwIfAny();
    const destination = Destination.to(host, { port });
    this.declareExposeIntent(checked.hosts, options, `host ${host}${port === undefined ? '' : `:${port}`}`, undefined, service?.namespace ?? this.routesNamespace);
    return this.addExposure(checked, options, () => [destination], () => [{ name: service!.name, namespace, port: port! }]);
  }

  /**
   * Routes requests for the hosts through the gateway to a cdk8s-plus Service: its name from the
   * same namespace, its FQDN from another (with `RoutingApi.GATEWAY_API`, its name and namespace,
   * and a ReferenceGrant in its namespace).
   *
   * @returns the VirtualService the route went into; none with `RoutingApi.GATEWAY_API` (see `httpRoutes`)
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination
   */
  public exposeService(service: kplus.Service, options: IngressServiceOptions = {}): VirtualService | undefined {
    _checkNotSynthesized(this, 'IngressGateway', 'exposeService');
    _requireArg(this.subject, 'service', service, 'Give the cdk8s-plus Service to expose.');
    const problems = new _Problems(this.subject);
    const port = this.servicePort(problems, service, options.port, () => true);
    const checked = this.checkExposure(problems, options);
    const namespace = this.backendNamespace(service.metadata.namespace ?? Chart.of(service).namespace);
    if (this.routing === RoutingApi.GATEWAY_API) this.checkGrant(problems, 'service', namespace);
    problems.throwIfAny();
    const destination = Destination.toService(service, { port });
    this.declareExposeIntent(checked.hosts, options, `Service '${service.name}'`, service.node.path, service.metadata.namespace ?? Chart.of(service).namespace ?? this.routesNamespace);
    return this.addExposure(checked, options, () => [destination], () => [{ name: service.name, namespace, port }]);
  }

  /**
   * Routes requests for the hosts through the gateway to a MeshService (a CanaryRelease's
   * `meshService` too), carrying its traffic split into the gateway's route unless
   * `followTrafficSplit` is false: its subsets (`RoutingApi.ISTIO`) or version Services
   * (`RoutingApi.GATEWAY_API`) and their weights.
   *
   * @returns the VirtualService the route went into; none with `RoutingApi.GATEWAY_API` (see `httpRoutes`)
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/
   * @example
   * ingress.exposeMeshService(release.meshService, { hosts: ['shop.example.com'], match: [HttpMatch.prefix('/api')] });
   */
  public exposeMeshService(service: MeshService, options: IngressMeshServiceOptions = {}): VirtualService | undefined {
    _checkNotSynthesized(this, 'IngressGateway', 'exposeMeshService');
    _requireArg(this.subject, 'service', service, 'Give the MeshService to expose.');
    const problems = new _Problems(this.subject);
    const isHttp = (p: kplus.ServicePort) => HTTP_PREFIXES.includes(_namePrefix(p.name ?? ''));
    const port = this.servicePort(problems, service.service, options.port, isHttp);
    const checked = this.checkExposure(problems, options);
    const namespace = this.backendNamespace(service.namespace);
    if (this.routing === RoutingApi.GATEWAY_API) this.checkGrant(problems, 'service', namespace);
    problems.throwIfAny();
    // In ambient mode the gateway skips the service's waypoint (its L7 routing and policy) unless the Service says otherwise.
    if (service.dataplane === DataPlaneMode.AMBIENT) service.service.metadata.addLabel(MeshLabels.INGRESS_USE_WAYPOINT, 'true');
    this.declareExposeIntent(checked.hosts, options, `MeshService '${service.name}'`, service.node.path, service.namespace || this.routesNamespace);
    this.allowThroughDenyAll(service, port, options);
    const plain = () => [Destination.toService(service.service, { port })];
    const plainBackend = () => [{ name: service.service.name, namespace, port }];
    if (options.followTrafficSplit === false) return this.addExposure(checked, options, plain, plainBackend);
    if (service.routing === RoutingApi.GATEWAY_API) {
      // The service splits over its version Services; both APIs can route to them with weights.
      const route = service.gatewayRoutes.find((r) => r._toKube().parentRefs?.[0]?.port === port);
      const split = (): _ServiceBackend[] => {
        const current = route?.ruleCount ? route.ruleAt(0).backendRefs ?? [] : [];
        return current.length === 0 ? plainBackend() : current.map((b) => ({ name: b.name, namespace, port, weight: b.weight }));
      };
      const host = (name: string) => namespace === undefined || service.namespace === '' ? name : `${name}.${service.namespace}.svc.cluster.local`;
      return this.addExposure(checked, options, () => split().map((b) => Destination.to(host(b.name), { port, weight: b.weight })), split);
    }
    const single = service.service.ports.length === 1;
    const meshRoute = service.httpRoutes.find((r) => single || (r._toIstio(service.namespace).match ?? []).some((m: any) => m.port === port));
    if (this.routing === RoutingApi.GATEWAY_API) {
      this.node.addValidation({
        validate: () => new _Problems(this.subject).check(service.versions.length <= 1, 'service',
          `routes with RoutingApi.ISTIO (DestinationRule subsets, which the Gateway API cannot name) and runs ${service.versions.length} versions `
          + `(${service.versions.join(', ')}): the gateway's HTTPRoute cannot follow its traffic split`, service.name,
          'Give the MeshService routing: RoutingApi.GATEWAY_API (a Service per version), or expose it with followTrafficSplit: false '
          + 'to send to its Service as a whole, spread over every version\'s pods.').messages(),
      });
    }
    return this.addExposure(checked, options, () => {
      const current = meshRoute?.destinations ?? [];
      if (current.length === 0) return plain();
      return current.map((d) => Destination.toService(service.service, { port, subset: d.subset, weight: d.weight }));
    }, plainBackend);
  }

  /**
   * Records an exposure as an intent: a request from outside, arriving at the gateway pods, for the
   * first exposed host and the first match, is delivered. Traced at synth, when the servers are known.
   */
  private declareExposeIntent(hosts: string[], options: IngressExposeOptions, what: string, callee: string | undefined,
    calleeNamespace: string | undefined): void {
    const request = matchRequest(options.match?.[0]);
    const ns = this.identity.namespaceName;
    const sa = this.identity.serviceAccountName;
    if (request === undefined || ns === undefined || sa === undefined || hosts.length === 0) return;
    const labels = Object.entries(this.podLabels).map(([k, v]) => `${k}=${v}`).join('&');
    _declareIntents(this, (): _Intent[] => {
      const host = hosts[0] === '*' ? 'intent.example.com' : hosts[0].replace(/^\*/, 'intent');
      const serves = (h: string) => _serverServes(h, hosts[0], this.routesNamespace, this.namespace);
      const server = this.servers.find((s) => s.routes && !s.redirect && s.hosts.some(serves));
      if (!server) return [];
      const scheme = server.https ? 'https' : 'http';
      const port = server.port === (server.https ? 443 : 80) ? '' : `:${server.port}`;
      return [{
        kind: 'expose',
        from: `gateway:${ns}/${sa}${labels ? `?${labels}` : ''}`,
        url: `${scheme}://${host}${port}${request.path}`,
        method: request.method,
        headers: request.headers,
        outcome: 'delivered',
        declaredBy: this.node.path,
        callee,
        calleeNamespace,
        callerNamespace: ns,
        description: `requests for ${host}${request.path} entering IngressGateway '${this.name}' reach ${what}`,
      }];
    });
  }

  /**
   * Makes an exposure work by construction when the MeshService's namespace is a ZeroTrustNamespace
   * with an allow-nothing policy: the gateway's identity is allowed on the service, for the exposed
   * port and paths only, unless a rule already allows it. Without it the gateway gets 403: an
   * allow-nothing policy denies every request no ALLOW policy matches
   * (https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy).
   */
  private allowThroughDenyAll(service: MeshService, port: number, options: IngressMeshServiceOptions): void {
    const principal = this.identity.asPrincipal;
    const podLabels = service.selector.matchLabels;
    _withNamespaceGuard(service, service.namespace, (guard) => {
      if (!guard.denyAll || guard.allowsPrincipal(principal, podLabels) || service._allowsPrincipal(principal)) return;
      const requests = (options.match ?? []).map((m) => m._toIstio());
      const rewritten = options.rewrite?.uri !== undefined || options.rewrite?.uriRegexRewrite !== undefined;
      const paths = requests.map((m) => m.uri?.exact ?? (m.uri?.prefix !== undefined ? `${m.uri.prefix}*` : undefined));
      const methods = requests.map((m) => m.method?.exact);
      service.allowFrom(MeshPeer.identity(this.identity), {
        ports: [port],
        paths: !rewritten && paths.length > 0 && paths.every((p) => p !== undefined) ? paths as string[] : undefined,
        methods: methods.length > 0 && methods.every((m) => m !== undefined && Object.values(HttpMethod).includes(m))
          ? methods as HttpMethod[] : undefined,
      });
    });
  }

  private addTcpServerAs(options: IngressTcpServerOptions, prop: string): void {
    const problems = new _Problems(this.subject);
    const record = this.streams.checkTcpServer(problems, prop, options);
    problems.throwIfAny();
    this.streams.commitTcpServer(record, options);
  }

  /** The namespace a backend is named with: its own when it differs from the routes'. */
  private backendNamespace(namespace: string | undefined): string | undefined {
    return namespace && namespace !== this.routesNamespace ? namespace : undefined;
  }

  /** A backend in another namespace needs a ReferenceGrant, which names the routes' namespace. */
  private checkGrant(problems: _Problems, prop: string, namespace: string | undefined): void {
    problems.check(namespace === undefined || this.routesNamespace !== undefined, prop,
      `lives in namespace '${namespace}', but the HTTPRoutes have no namespace for the ReferenceGrant that lets them reach it to name`, namespace,
      'Give the IngressGateway a namespace (or routesNamespace).');
  }

  private servicePort(problems: _Problems, service: kplus.Service, port: number | undefined, eligible: (p: kplus.ServicePort) => boolean): number {
    const ports = service.ports;
    const candidates = ports.filter(eligible);
    if (port === undefined) {
      problems.check(candidates.length === 1, 'options.port', candidates.length === 0 ? 'cannot be chosen: the Service has no HTTP port' : 'must be given: the Service has several ports',
        port, candidates.length === 0 ? 'Expose a Service with an HTTP, HTTP2 or GRPC port; the gateway routes HTTP.'
          : `Give one of ${candidates.map((p) => p.port).join(', ')}.`);
      return candidates[0]?.port ?? 0;
    }
    const found = ports.find((p) => p.port === port);
    if (!found) {
      const numbers = candidates.map((p) => String(p.port));
      problems.add('options.port', `is not a port of Service '${service.name}'`, port, `Use one of ${numbers.join(', ') || '(none)'}.${_didYouMean(String(port), numbers)}`);
    } else {
      problems.check(eligible(found), 'options.port', `is port '${found.name}', which Istio does not route as HTTP`, port,
        `Expose an HTTP, HTTP2 or GRPC port${candidates.length > 0 ? ` such as ${candidates[0].port}` : ''}; the gateway's routes are HTTP routes.`);
    }
    return port;
  }

  /** The hosts of an exposure, checked against the servers. */
  private checkExposure(problems: _Problems, options: IngressExposeOptions): CheckedExposure {
    const routing = this.servers.filter((s) => s.routes);
    if (routing.length === 0) {
      problems.add('servers', 'must include an HTTP or terminating HTTPS server before routes are exposed', this.servers.map((s) => `${s.port}/${s.portName}`),
        'Add one with httpServers, httpsServers, addHttpServer() or addHttpsServer() first.');
      return { hosts: [] };
    }
    const gatewayApi = this.routing === RoutingApi.GATEWAY_API;
    const groups: Map<string, { exposedHosts: string[] }> = gatewayApi ? this.routeByName : this.vsByName;
    const served = [...new Set(routing.flatMap((s) => s.hosts))];
    const hosts = options.hosts ?? [...new Set(served.map((h) => _splitServerHost(h).host))];
    problems.check(hosts.length > 0, 'options.hosts', 'must not be empty', hosts, 'Leave hosts out to take every host the gateway serves, or give some.');
    hosts.forEach((host, i) => {
      const problem = _hostProblem(host);
      if (problem) {
        problems.add(`options.hosts[${i}]`, problem, host, 'Use a host such as \'shop.example.com\', \'*.example.com\' or \'*\'.');
        return;
      }
      if (gatewayApi && !_GATEWAY_HOSTNAME.test(host)) {
        problems.add(`options.hosts[${i}]`, 'must be a lower-case host name with RoutingApi.GATEWAY_API (HTTPRoute hostnames)', host, `Use '${host.toLowerCase()}'.`);
        return;
      }
      const ok = routing.some((s) => s.hosts.some((h) => _serverServes(h, host, this.routesNamespace, this.namespace)));
      if (!ok) {
        const plain = served.map((h) => _splitServerHost(h).host);
        problems.add(`options.hosts[${i}]`, `is not served by any HTTP or terminating HTTPS server of Gateway '${this.name}' (serving ${served.join(', ')}) for VirtualServices in namespace '${this.routesNamespace ?? '(none)'}'`,
          host, `Expose one of the served hosts, or add a server for '${host}'.${_didYouMean(host, plain)}`);
      }
    });
    const target = options.virtualServiceName !== undefined ? groups.get(options.virtualServiceName)
      : [...groups.values()].find((vs) => sameHosts(existingHosts(vs), hosts));
    // HTTPRoutes sharing a host merge by the precedence of their matches, which is defined.
    for (const [name, vs] of gatewayApi ? [] : this.vsByName) {
      if (vs === target) continue;
      const shared = hosts.filter((h) => existingHosts(vs).includes(h));
      problems.check(shared.length === 0, 'options.hosts', `shares ${shared.map((h) => `'${h}'`).join(', ')} with VirtualService '${name}' of the gateway: `
        + 'Istio merges the routes of one host from several VirtualServices in no defined order', hosts,
      `Expose on exactly the hosts of '${name}' (${existingHosts(vs).join(', ')}) so the routes share it, or on hosts of their own.`);
    }
    if (options.virtualServiceName !== undefined) {
      const existing = groups.get(options.virtualServiceName);
      problems.check(_DNS_SUBDOMAIN.test(options.virtualServiceName), 'options.virtualServiceName', 'must be a DNS subdomain', options.virtualServiceName,
        'Use lower-case letters, digits, \'-\' and \'.\'.');
      problems.check(!existing || sameHosts(existingHosts(existing), hosts), 'options.virtualServiceName',
        `names a VirtualService of other hosts (${existing ? existingHosts(existing).join(', ') : ''})`, options.virtualServiceName,
        'Give the same hosts as its earlier routes, or another virtualServiceName.');
    }
    if (!gatewayApi) return { hosts };
    problems.check(options.retries === undefined, 'options.retries', 'cannot be expressed with RoutingApi.GATEWAY_API: the standard-channel HTTPRoute (v1.5.1) has no retries',
      options.retries?.attempts, 'Leave retries out, or route with RoutingApi.ISTIO.');
    if (options.routeName !== undefined) {
      problems.check(options.routeName.length <= 253 && _DNS_SUBDOMAIN.test(options.routeName), 'options.routeName',
        'must be a DNS subdomain with RoutingApi.GATEWAY_API (the HTTPRoute rule\'s name)', options.routeName, 'Use lower-case letters, digits, \'-\' and \'.\'.');
    }
    return {
      hosts,
      matches: _gatewayMatches(problems, 'options.match', options.match),
      urlRewrite: _gatewayRewrite(problems, 'options.rewrite', options.rewrite, options.match),
    };
  }

  private addExposure(checked: CheckedExposure, options: IngressExposeOptions, backends: Backends,
    serviceBackends: () => _ServiceBackend[]): VirtualService | undefined {
    const hosts = checked.hosts;
    if (this.routing === RoutingApi.GATEWAY_API) {
      for (const b of serviceBackends()) if (b.namespace !== undefined) this.grant(b.namespace, () => serviceBackends().map((x) => x.name));
      const route = this.httpRouteFor(hosts, options.virtualServiceName);
      const ruleIndex = route.addRule({
        name: options.routeName,
        matches: checked.matches,
        backendRefs: serviceBackends().map(_backendRef),
        timeout: options.timeout,
        urlRewrite: checked.urlRewrite,
      });
      route.exposures.push({ ruleIndex, backends: serviceBackends });
      return undefined;
    }
    const vs = this.virtualServiceFor(hosts, options.virtualServiceName);
    const route = vs.addHttpRoute({
      name: options.routeName,
      match: options.match,
      route: backends(),
      timeout: options.timeout,
      retries: options.retries,
      rewrite: options.rewrite,
    });
    vs.exposures.push({ hosts, backends, replace: (d) => route.replaceDestinations(...d) });
    return vs;
  }

  private virtualServiceFor(hosts: string[], name: string | undefined): IngressVirtualService {
    if (name !== undefined && this.vsByName.has(name)) return this.vsByName.get(name)!;
    if (name === undefined) {
      const found = [...this.vsByName.values()].find((vs) => sameHosts(existingHosts(vs), hosts));
      if (found) return found;
    }
    let chosen = name ?? this.name;
    for (let n = 2; this.vsByName.has(chosen); n++) chosen = `${this.name}-${n}`;
    const vs = new IngressVirtualService(this, `VirtualService-${chosen}`, {
      metadata: { name: chosen, namespace: this.routesNamespace },
      hosts,
      gateways: [this.gatewayReference(this.routesNamespace)],
    });
    vs.exposedHosts.push(...hosts);
    this.vsByName.set(chosen, vs);
    return vs;
  }

  private httpRouteFor(hosts: string[], name: string | undefined): _IngressHttpRoute {
    if (name !== undefined && this.routeByName.has(name)) return this.routeByName.get(name)!;
    if (name === undefined) {
      const found = [...this.routeByName.values()].find((r) => sameHosts(existingHosts(r), hosts));
      if (found) return found;
    }
    let chosen = name ?? this.name;
    for (let n = 2; this.routeByName.has(chosen); n++) chosen = `${this.name}-${n}`;
    const hostnames = hosts.includes('*') ? [] : hosts;
    const route = new _IngressHttpRoute(this, `HTTPRoute-${chosen}`, {
      metadata: { name: chosen, namespace: this.routesNamespace },
      parentRefs: [ParentRef.gateway(this.name)],
      hostnames,
    }, () => this.parentRefs((l) => l.routes && hosts.some((h) => _serverServes(l.serverHost, h, this.routesNamespace, this.namespace))));
    route.exposedHosts.push(...hosts);
    this.routeByName.set(chosen, route);
    return route;
  }

  /**
   * The parents of a route: the whole Gateway when the route is meant for every listener, else
   * each listener it is meant for by `sectionName`.
   */
  private parentRefs(meant: (l: ListenerRecord) => boolean): k8s.HttpRouteSpecParentRefs[] {
    const namespace = this.namespace !== undefined && this.namespace !== this.routesNamespace ? this.namespace : undefined;
    const chosen = this.listeners.filter(meant);
    if (chosen.length === this.listeners.length) return [ParentRef.gateway(this.name, { namespace })._toKube()];
    return chosen.map((l) => ParentRef.gateway(this.name, { namespace, sectionName: l.name })._toKube());
  }

  /** Lets the HTTPRoutes reach Services of another namespace: a ReferenceGrant there, from the routes' namespace. */
  private grant(namespace: string, names: () => string[]): void {
    const lists = this.grantedNames.get(namespace) ?? [];
    lists.push(names);
    this.grantedNames.set(namespace, lists);
    if (this.grants.has(namespace)) return;
    this.grants.set(namespace, new (_gatewayApiL1()).ReferenceGrant(this, `ReferenceGrant-${namespace}`, {
      metadata: { name: `${this.name}-routes`, namespace },
      spec: Lazy.any({
        produce: (): k8s.ReferenceGrantSpec => ({
          from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: this.routesNamespace! }],
          to: [...new Set(this.grantedNames.get(namespace)!.flatMap((f) => f()))].sort().map((name) => ({ group: '', kind: 'Service', name })),
        }),
      }) as any,
    }));
  }

  private checkServer(problems: _Problems, prop: string, server: IngressServerOptions, https: boolean, tls: ServerTls | undefined,
    before: ServerRecord[] = this.servers): ServerRecord {
    const port = server.port ?? (https ? 443 : 80);
    problems.check(_isPort(port), `${prop}.port`, 'must be a port number from 1 to 65535', port, 'Use a port such as 80 or 443.');
    const hosts = server.hosts ?? [];
    problems.check(hosts.length > 0, `${prop}.hosts`, 'must not be empty', hosts, 'Give the hosts served, such as [\'shop.example.com\'], or [\'*\'] for every host.');
    const mode = tls?.mode;
    const settings = tls?._toIstio() ?? {};
    if (https) {
      problems.check(mode !== undefined, `${prop}.tls`, 'must terminate or pass TLS through: an HTTPS server needs a TLS mode', settings,
        'Use ServerTls.simple({ credentialName }), ServerTls.mutual({ credentialName }) or ServerTls.passthrough(); for a redirect use httpsRedirect on an HTTP server.');
      const terminating = mode === ServerTlsMode.SIMPLE || mode === ServerTlsMode.MUTUAL || mode === ServerTlsMode.OPTIONAL_MUTUAL;
      if (terminating) {
        problems.check(settings.credentialName !== undefined || (settings.credentialNames ?? []).length > 0, `${prop}.tls.credentialName`,
          `must be set: a ${mode} server of an ingress gateway takes its certificate from a Secret`, settings,
          `Create a TLS Secret in the gateway pods' namespace and give ServerTls.${mode === ServerTlsMode.SIMPLE ? 'simple' : mode === ServerTlsMode.MUTUAL ? 'mutual' : 'optionalMutual'}({ credentialName: '<secret>' }).`);
      }
    }
    const sameName = (n: string) => before.some((s) => s.portName === n);
    const base = https ? 'https' : 'http';
    let portName = server.portName;
    if (portName === undefined) {
      portName = base;
      if (sameName(portName)) portName = `${base}-${port}`;
      for (let n = 2; sameName(portName); n++) portName = `${base}-${port}-${n}`;
    } else {
      problems.check(!sameName(portName), `${prop}.portName`, 'must be unique among the servers of the Gateway', portName,
        `Give another name, such as '${base}-${port}'.`);
    }
    const tcp = this.streams?.tcpServerOn(port);
    if (tcp) problems.add(`${prop}.port`, `is already the port of a TCP server (${tcp.prop}): one port carries one protocol`, port, 'Use another port.');
    for (const other of before.filter((s) => s.port === port)) {
      if (other.https !== https) {
        problems.add(`${prop}.port`, `is already the port of ${other.https ? 'an HTTPS' : 'an HTTP'} server (${other.prop}): one port carries one protocol`, port,
          `Use another port, such as ${https ? 443 : 80}.`);
        continue;
      }
      hosts.filter((h) => other.hosts.includes(h)).forEach((h) => problems.add(`${prop}.hosts`,
        `serves '${h}' on port ${port}, which ${other.prop} already serves`, h, 'Serve each host once per port: merge the servers or remove the duplicate host.'));
    }
    const httpsRedirect = !https && (server as IngressHttpServerOptions).httpsRedirect === true;
    if (this.routing === RoutingApi.GATEWAY_API) _checkGatewayApiServer(problems, prop, server, https ? mode : undefined, settings);
    return {
      https,
      port,
      portName,
      hosts: [...hosts],
      routes: !httpsRedirect && (!https || mode === ServerTlsMode.SIMPLE || mode === ServerTlsMode.MUTUAL || mode === ServerTlsMode.OPTIONAL_MUTUAL),
      redirect: httpsRedirect,
      prop,
      listenerBase: server.name ?? portName,
      certificates: settings.credentialNames ?? (settings.credentialName !== undefined ? [settings.credentialName] : []),
      passthrough: https && mode === ServerTlsMode.PASSTHROUGH,
    };
  }

  private commitServer(record: ServerRecord, server: IngressServerOptions, tls: ServerTls | undefined): void {
    if (this.kubernetesGateway) {
      this.commitListeners(record);
      this.servers.push(record);
      return;
    }
    this.gateway!.addServer({
      port: { number: record.port, name: record.portName, protocol: record.https ? Protocol.HTTPS : Protocol.HTTP, targetPort: server.targetPort },
      hosts: record.hosts,
      tls: record.redirect ? ServerTls.httpsRedirect() : tls,
      name: server.name,
    });
    this.servers.push(record);
  }

  /** A listener per host of the server (Gateway API listeners have one hostname each). */
  private commitListeners(record: ServerRecord): void {
    record.hosts.forEach((serverHost, i) => {
      const wanted = record.hosts.length === 1 ? record.listenerBase : `${record.listenerBase}-${i + 1}`;
      let name = wanted;
      for (let n = 2; this.listeners.some((l) => l.name === name); n++) name = `${wanted}-${n}`;
      const { host } = _splitServerHost(serverHost);
      this.kubernetesGateway!.addListener({
        name,
        port: record.port,
        protocol: !record.https ? ListenerProtocol.HTTP : record.passthrough ? ListenerProtocol.TLS : ListenerProtocol.HTTPS,
        hostname: host === '*' ? undefined : host,
        allowedRoutes: this.allowedRoutes(serverHost),
        certificateSecrets: record.certificates.length > 0 ? record.certificates : undefined,
        tlsPassthrough: record.passthrough ? true : undefined,
      });
      this.listeners.push({ name, port: record.port, passthrough: record.passthrough, serverHost, routes: record.routes, redirect: record.redirect });
    });
    if (record.redirect && !this.redirectRoute) {
      this.redirectRoute = new _IngressHttpRoute(this, 'HTTPRoute-https-redirect', {
        metadata: { name: `${this.name}-https-redirect`, namespace: this.routesNamespace },
        parentRefs: [ParentRef.gateway(this.name)],
        rules: [{ redirect: { scheme: GatewayRedirectScheme.HTTPS, statusCode: 301 } }],
      }, () => this.parentRefs((l) => l.redirect));
    }
  }

  /**
   * Which namespaces may attach routes to a listener, from the server host's namespace part: `*`
   * every namespace; `.` or the Gateway's namespace its own; another namespace that one; none the
   * namespace of the routes this pattern creates.
   */
  private allowedRoutes(serverHost: string): AllowedRoutes {
    const { namespace } = _splitServerHost(serverHost);
    if (namespace === '*' || (namespace === undefined && this.allowRoutesFromAllNamespaces)) return AllowedRoutes.allNamespaces();
    const from = namespace === undefined ? this.routesNamespace : namespace === '.' ? this.namespace : namespace;
    if (from === undefined || from === this.namespace) return AllowedRoutes.sameNamespace();
    return AllowedRoutes.namespacesWithLabels({ [NAMESPACE_LABEL]: from });
  }

  /**
   * With the default selector, the pods of `istio: ingressgateway` must exist: a MeshControlPlane of
   * the same app whose install has no ingress gateway (the ambient profile) leaves the Gateway unserved.
   */
  private validateGatewayPods(): string[] {
    const problems = new _Problems(this.subject);
    const planes = this.node.root.node.findAll().filter((c): c is MeshControlPlane => c instanceof MeshControlPlane);
    if (planes.length === 0 || planes.some((p) => p.installsIngressGateway)) return [];
    const plane = planes[0];
    problems.add('selector', `selects the pods of istio: ingressgateway, but MeshControlPlane '${plane.node.path}' (profile ${plane.profile}) `
      + 'installs no ingress gateway, so no pod serves this Gateway', IngressGateway.DEFAULT_SELECTOR,
    'Use routing: RoutingApi.GATEWAY_API (Istio deploys the gateway of a Gateway API Gateway of class istio itself), or add '
      + 'ingressGateways: [{ name: \'istio-ingressgateway\' }] to the MeshControlPlane.');
    return problems.messages();
  }

  private validateRedirects(): string[] {
    const problems = new _Problems(this.subject);
    const httpsHosts = this.servers.filter((s) => s.https).flatMap((s) => s.hosts.map((h) => _splitServerHost(h).host));
    for (const server of this.servers.filter((s) => s.redirect)) {
      for (const h of server.hosts) {
        const host = _splitServerHost(h).host;
        problems.check(httpsHosts.some((x) => _hostsOverlap(x, host)), `${server.prop}.httpsRedirect`,
          `redirects '${host}' to HTTPS, but no HTTPS server of the gateway serves it: clients would be sent to a port that refuses them`, h,
          `Add an HTTPS server for '${host}' with addHttpsServer(), or leave httpsRedirect out.`);
      }
    }
    return problems.messages();
  }
}

/** A request an exposure's match takes: its exact or prefix path, exact method and exact headers; none for a regex path. */
function matchRequest(match: HttpMatch | undefined): { path: string; method?: string; headers?: { [name: string]: string } } | undefined {
  if (!match) return { path: '/' };
  const m = match._toIstio();
  if (m.uri?.regex !== undefined) return undefined;
  const headers = Object.fromEntries(Object.entries(m.headers ?? {})
    .filter(([, v]: [string, any]) => v?.exact !== undefined).map(([k, v]: [string, any]) => [k, v.exact]));
  return {
    path: m.uri?.exact ?? m.uri?.prefix ?? '/',
    method: m.method?.exact,
    headers: Object.keys(headers).length > 0 ? headers : undefined,
  };
}

function existingHosts(vs: { exposedHosts: string[] }): string[] {
  return vs.exposedHosts;
}

function sameHosts(a: string[], b: string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((h, i) => h === y[i]);
}
