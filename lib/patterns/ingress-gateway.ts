import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _IngressContext } from './_ingress-context';
import { _IngressHttp } from './_ingress-http';
import { _IngressServers, _ServerRecord } from './_ingress-servers';
import { _IngressStreams } from './_ingress-tcp';
import { IngressExposeOptions, IngressMeshServiceOptions, IngressServiceOptions } from './ingress-expose';
import { IngressTcpExposeOptions, IngressTcpServerOptions, IngressTlsExposeOptions } from './ingress-stream';
import { MeshControlPlane } from './mesh-control-plane';
import { IMeshGateway } from './mesh-peer';
import { IMeshService } from './mesh-service-ref';
import { _declare } from '../core/_declarations';
import { _validateDerivedNames } from '../core/_derived-names';
import { _constructSubject, _Problems, _requireArg, _requireProps } from '../core/_errors';
import { _checkDnsSubdomain, _checkNamespace } from '../core/_names';
import { _checkNotSynthesized, _watchSynth } from '../core/_synth';
import { RoutingApi } from '../core/dataplane';
import { Identity } from '../core/identity';
import { WorkloadSelector } from '../core/selector';
import { GatewayHttpRoute } from '../gateway-api/gateway-http-route';
import { GatewayTcpRoute } from '../gateway-api/gateway-tcp-route';
import { GatewayTlsRoute } from '../gateway-api/gateway-tls-route';
import { KubernetesGateway } from '../gateway-api/kubernetes-gateway';
import { Destination } from '../networking/destination';
import { Gateway } from '../networking/gateway';
import { ServerTls } from '../networking/server-tls';
import { VirtualService } from '../networking/virtual-service';

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
  private readonly serverSet: _IngressServers;
  private readonly http: _IngressHttp;
  private readonly streams: _IngressStreams;

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
    const self = this;
    const context: _IngressContext = {
      owner: this,
      subject: this.subject,
      name: this.name,
      namespace: this.namespace,
      routesNamespace: this.routesNamespace,
      routing: this.routing,
      allowRoutesFromAllNamespaces: props.allowRoutesFromAllNamespaces === true,
      get gateway() { return self.gateway; },
      get kubernetesGateway() { return self.kubernetesGateway; },
      gatewayReference: (ns) => this.gatewayReference(ns),
    };
    this.serverSet = new _IngressServers(context, (port) => this.streams?.tcpServerOn(port));
    const gatewayApi = this.routing === RoutingApi.GATEWAY_API;
    if (gatewayApi) {
      problems.check(props.selector === undefined, 'selector', 'cannot be used with RoutingApi.GATEWAY_API: Istio deploys and selects the pods of a '
        + `Gateway of class 'istio' itself (Deployment and Service '${this.name}-istio')`, props.selector?.matchLabels,
      'Leave selector out, or route with RoutingApi.ISTIO to configure existing ingress gateway pods.');
      problems.check(props.namespace !== undefined || Chart.of(this).namespace !== undefined || props.routesNamespace === undefined, 'routesNamespace',
        'needs the Gateway\'s namespace with RoutingApi.GATEWAY_API: HTTPRoutes in another namespace name their parent Gateway by namespace', props.routesNamespace,
        'Give the IngressGateway a namespace, or leave routesNamespace out.');
    }
    _checkDnsSubdomain(problems, 'name', this.name, 'Use a name such as \'public-gateway\'.');
    for (const [prop, ns] of [['namespace', props.namespace], ['routesNamespace', props.routesNamespace]] as const) {
      if (ns !== undefined) _checkNamespace(problems, prop, ns, 'Use lower-case letters, digits and \'-\', such as \'istio-system\'.');
    }
    // Each server is checked against those before it, as addHttpServer() checks against the committed ones.
    const checked: _ServerRecord[] = [];
    const keep = (r: _ServerRecord) => {
      checked.push(r);
      return r;
    };
    const http = (props.httpServers ?? []).map((s, i) => keep(this.serverSet.check(problems, `httpServers[${i}]`, s, false, undefined, checked)));
    const https = (props.httpsServers ?? []).map((s, i) => keep(this.serverSet.check(problems, `httpsServers[${i}]`, s, true, s.tls, checked)));
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
    const podLabels = gatewayApi ? { 'gateway.networking.k8s.io/gateway-name': this.name } : { ...(props.selector?.matchLabels ?? IngressGateway.DEFAULT_SELECTOR) };
    this.http = new _IngressHttp(context, this.serverSet, this.identity, podLabels);
    (props.httpServers ?? []).forEach((s, i) => this.serverSet.commit(http[i], s, undefined));
    (props.httpsServers ?? []).forEach((s, i) => this.serverSet.commit(https[i], s, s.tls));
    const servers = this.serverSet;
    this.streams = new _IngressStreams(this, {
      ...context,
      gateway: this.gateway,
      kubernetesGateway: this.kubernetesGateway,
      servers: () => servers.servers.map((r) => ({
        ...r, listeners: servers.listeners.filter((l) => l.passthrough && l.port === r.port).map((l) => l.name),
      })),
    });
    (props.tcpServers ?? []).forEach((s, i) => this.addTcpServerAs(s, `tcpServers[${i}]`));
    this.node.addValidation({ validate: () => this.serverSet.validateRedirects() });
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
    return [...this.http.virtualServices.byName.values(), ...this.streams.virtualServices.values()];
  }

  /**
   * The TCPRoutes (`RoutingApi.GATEWAY_API`) of `exposeTcp()`, in creation order.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#tcproute
   */
  public get gatewayTcpRoutes(): GatewayTcpRoute[] {
    return [...this.streams.tcpRoutes.values()];
  }

  /**
   * The TLSRoutes (`RoutingApi.GATEWAY_API`) of `exposeTls()`, in creation order.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#tlsroute
   */
  public get gatewayTlsRoutes(): GatewayTlsRoute[] {
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
   * @returns the VirtualService the route went into; none with `RoutingApi.GATEWAY_API` (see `gatewayTcpRoutes`)
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
   * @returns the VirtualService the route went into; none with `RoutingApi.GATEWAY_API` (see `gatewayTlsRoutes`)
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
  public get gatewayRoutes(): GatewayHttpRoute[] {
    const redirect = this.serverSet.redirectRoute;
    return [...(redirect ? [redirect] : []), ...this.http.httpRoutes.byName.values()];
  }

  /**
   * The ReferenceGrants that let the HTTPRoutes reach Services of other namespaces, with
   * `RoutingApi.GATEWAY_API`: one `<name>-routes` per namespace of such Services.
   *
   * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
   */
  public get referenceGrants(): ApiObject[] {
    return [...this.http.httpRoutes.grants.values()];
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
    const record = this.serverSet.check(problems, `httpServers[${this.serverSet.servers.filter((s) => !s.https).length}]`, options, false, undefined);
    problems.throwIfAny();
    this.serverSet.commit(record, options, undefined);
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
    const record = this.serverSet.check(problems, `httpsServers[${this.serverSet.servers.filter((s) => s.https).length}]`, options, true, options.tls);
    problems.throwIfAny();
    this.serverSet.commit(record, options, options.tls);
  }

  /**
   * Routes requests for the hosts through the gateway to any host the mesh knows (a Service name
   * or FQDN, a ServiceEntry host) on a port. With `RoutingApi.GATEWAY_API` the host must name a
   * Service (`name`, or `name.namespace.svc.cluster.local`): HTTPRoute backends are Services.
   * Without a port, the destination names none, which Istio allows when the host has one port
   * (`RoutingApi.GATEWAY_API` needs it: a Service backend names its port).
   *
   * @returns the VirtualService the route went into; none with `RoutingApi.GATEWAY_API` (see `gatewayRoutes`)
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination
   * @example
   * ingress.exposeHost('productpage', 9080, { match: [HttpMatch.exact('/productpage')] });
   */
  public exposeHost(host: string, port?: number, options: IngressExposeOptions = {}): VirtualService | undefined {
    _checkNotSynthesized(this, 'IngressGateway', 'exposeHost');
    _requireArg(this.subject, 'host', host, 'Give the host to expose, such as \'shop.example.com\'.');
    return this.http.exposeHost(host, port, options);
  }

  /**
   * Routes requests for the hosts through the gateway to a cdk8s-plus Service: its name from the
   * same namespace, its FQDN from another (with `RoutingApi.GATEWAY_API`, its name and namespace,
   * and a ReferenceGrant in its namespace).
   *
   * @returns the VirtualService the route went into; none with `RoutingApi.GATEWAY_API` (see `gatewayRoutes`)
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination
   */
  public exposeService(service: kplus.Service, options: IngressServiceOptions = {}): VirtualService | undefined {
    _checkNotSynthesized(this, 'IngressGateway', 'exposeService');
    _requireArg(this.subject, 'service', service, 'Give the cdk8s-plus Service to expose.');
    return this.http.exposeService(service, options);
  }

  /**
   * Routes requests for the hosts through the gateway to a MeshService (a CanaryRelease's
   * `meshService` too), carrying its traffic split into the gateway's route unless
   * `followTrafficSplit` is false: its subsets (`RoutingApi.ISTIO`) or version Services
   * (`RoutingApi.GATEWAY_API`) and their weights.
   *
   * @returns the VirtualService the route went into; none with `RoutingApi.GATEWAY_API` (see `gatewayRoutes`)
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/
   * @example
   * ingress.exposeMeshService(release.meshService, { hosts: ['shop.example.com'], match: [HttpMatch.prefix('/api')] });
   */
  public exposeMeshService(service: IMeshService, options: IngressMeshServiceOptions = {}): VirtualService | undefined {
    _checkNotSynthesized(this, 'IngressGateway', 'exposeMeshService');
    _requireArg(this.subject, 'service', service, 'Give the MeshService to expose.');
    return this.http.exposeMeshService(service, options);
  }

  private addTcpServerAs(options: IngressTcpServerOptions, prop: string): void {
    const problems = new _Problems(this.subject);
    const record = this.streams.checkTcpServer(problems, prop, options);
    problems.throwIfAny();
    this.streams.commitTcpServer(record, options);
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
}
