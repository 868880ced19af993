import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HttpRoute, HttpRouteOptions } from './http-route';
import { TcpRoute, TcpRouteOptions } from './tcp-route';
import { TlsRoute, TlsRouteOptions } from './tls-route';
import type * as k8s from '../../imports/networking.istio.io';
import { _compact } from '../core/_compact';
import { _constructSubject, _fail, _Problems, _requireArg, _requireProps } from '../core/_errors';
import { _checkHosts, _namespaceOf } from '../core/_host';
import { _networkingL1 } from '../core/_l1';
import { _checkNotSynthesized, _ownedBy } from '../core/_synth';
import { ServiceHost } from '../core/host';
import { MeshResource, MeshResourceProps } from '../core/resource';

/** Props of a VirtualService. */
export interface VirtualServiceProps extends MeshResourceProps {
  /**
   * The hosts the routing applies to: Service names (short or FQDN), ServiceEntry hosts, or the
   * hosts a Gateway serves (`*.example.com`, `*`). Add a cdk8s-plus Service with `services` or
   * `addService()`.
   *
   * @default - none: give hosts here, in `services`, or leave empty only for a delegate VirtualService
   */
  readonly hosts?: string[];

  /**
   * cdk8s-plus Services whose hosts the routing applies to: each renders as its name, or as its
   * FQDN when it lives in another namespace.
   *
   * @default - none
   */
  readonly services?: kplus.Service[];

  /**
   * The gateways the routes apply to, `namespace/name` or `name`; `mesh` stands for every sidecar.
   *
   * @default - `mesh`: the routes apply to sidecars only
   */
  readonly gateways?: string[];

  /**
   * The namespaces the VirtualService is visible to: `.` for its own, `*` for all, or names.
   *
   * @default - Istio's own default: every namespace (unless the mesh config says otherwise)
   */
  readonly exportTo?: string[];

  /**
   * The HTTP routes, evaluated in order: the first that matches applies.
   *
   * @default - none; add with `addHttpRoute()`
   */
  readonly http?: HttpRouteOptions[];

  /**
   * The TCP routes, for opaque TCP ports.
   *
   * @default - none; add with `addTcpRoute()`
   */
  readonly tcp?: TcpRouteOptions[];

  /**
   * The TLS routes, for unterminated TLS routed by SNI.
   *
   * @default - none; add with `addTlsRoute()`
   */
  readonly tls?: TlsRouteOptions[];
}

/**
 * An Istio VirtualService: how requests to a host are routed, split, retried, rewritten and
 * faulted. Emits `networking.istio.io/v1`.
 *
 * Weights of a route's destinations are relative proportions, as in Istio: they need not sum to
 * 100. A route with several destinations whose weights are all 0 fails at synth.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
 *
 * @example
 * new VirtualService(chart, 'payments-api', {
 *   hosts: ['payments-api'],
 *   http: [{
 *     route: [Destination.to('payments-api', { subset: 'v1', weight: 90 }), Destination.to('payments-api', { subset: 'v2', weight: 10 })],
 *     retries: { attempts: 3, perTryTimeout: Duration.seconds(2), retryOn: RetryOn.parse('5xx,reset,connect-failure') },
 *   }],
 * });
 */
export class VirtualService extends MeshResource {
  /** The L1 object this construct renders into. */
  public readonly apiObject: k8s.VirtualService;

  private readonly subject: string;
  private readonly hosts: ServiceHost[] = [];
  private readonly gateways: string[];
  private readonly exportTo?: string[];
  private readonly httpRoutes: HttpRoute[] = [];
  private readonly tcpRoutes: TcpRoute[] = [];
  private readonly tlsRoutes: TlsRoute[] = [];

  public constructor(scope: Construct, id: string, props: VirtualServiceProps = {}) {
    super(scope, id);
    this.subject = _constructSubject('VirtualService', scope, id);
    _requireProps(this.subject, props, {});
    const problems = new _Problems(this.subject);
    _checkHosts(problems, 'hosts', props.hosts ?? []);
    (props.gateways ?? []).forEach((g, i) => problems.check(!!g, `gateways[${i}]`, 'must not be empty', g, 'Give `namespace/name`, `name` or `mesh`.'));
    problems.throwIfAny();

    this.hosts.push(...(props.hosts ?? []).map((h) => ServiceHost.name(h)));
    this.hosts.push(...(props.services ?? []).map((s) => ServiceHost.fromService(s)));
    this.gateways = [...(props.gateways ?? [])];
    this.exportTo = props.exportTo ? [...props.exportTo] : undefined;

    this.apiObject = new (_networkingL1().VirtualService)(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
    (props.http ?? []).forEach((r) => this.addHttpRoute(r));
    (props.tcp ?? []).forEach((r) => this.addTcpRoute(r));
    (props.tls ?? []).forEach((r) => this.addTlsRoute(r));
    this.node.addValidation({ validate: () => this.validateRoutes() });
  }

  /** Adds a host the routing applies to: a name, an FQDN, `*.example.com` or `*`. */
  public addHost(host: string): void {
    _checkNotSynthesized(this, 'VirtualService', 'addHost');
    _requireArg(this.subject, 'host', host, 'Give a host: a name, an FQDN, \'*.example.com\' or \'*\'.');
    const problems = new _Problems(this.subject);
    _checkHosts(problems, 'hosts', [host], undefined, this.hosts.length);
    problems.throwIfAny();
    this.hosts.push(ServiceHost.name(host));
  }

  /** Adds a cdk8s-plus Service as a host: its name, or its FQDN from another namespace. */
  public addService(service: kplus.Service): void {
    _checkNotSynthesized(this, 'VirtualService', 'addService');
    _requireArg(this.subject, 'service', service, 'Give the cdk8s-plus Service the routing applies to.');
    this.hosts.push(ServiceHost.fromService(service));
  }

  /** Adds a gateway the routes apply to (`namespace/name`, or `mesh` for sidecars). */
  public addGateway(gateway: string): void {
    _checkNotSynthesized(this, 'VirtualService', 'addGateway');
    _requireArg(this.subject, 'gateway', gateway, 'Give `namespace/name`, `name` or `mesh`.');
    this.gateways.push(gateway);
  }

  /**
   * Adds an HTTP route after the existing ones (routes are evaluated in order). Returns it, so
   * destinations and matches can be added later.
   */
  public addHttpRoute(options: HttpRouteOptions): HttpRoute {
    _checkNotSynthesized(this, 'VirtualService', 'addHttpRoute');
    _requireProps(this.subject, options, {}, 'options', 'Pass the route, such as { route: [Destination.to(\'reviews\')] }.');
    const route = _ownedBy(HttpRoute._create(this.subject, `http[${this.httpRoutes.length}]`, options), this);
    this.httpRoutes.push(route);
    return route;
  }

  /**
   * Adds an HTTP route just before an existing one of this VirtualService, so that it is evaluated
   * first (the first matching route wins). Returns it.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
   */
  public addHttpRouteBefore(before: HttpRoute, options: HttpRouteOptions): HttpRoute {
    _checkNotSynthesized(this, 'VirtualService', 'addHttpRouteBefore');
    const at = this.httpRoutes.indexOf(before);
    if (at < 0) _fail(this.subject, 'before', 'must be an HTTP route of this VirtualService', before?.name, 'Pass a route addHttpRoute() returned.');
    const route = this.addHttpRoute(options);
    this.httpRoutes.splice(this.httpRoutes.length - 1, 1);
    this.httpRoutes.splice(at, 0, route);
    return route;
  }

  /** Adds a TCP route after the existing ones. */
  public addTcpRoute(options: TcpRouteOptions): TcpRoute {
    _checkNotSynthesized(this, 'VirtualService', 'addTcpRoute');
    _requireProps(this.subject, options, {}, 'options', 'Pass the route, such as { route: [Destination.to(\'db\')] }.');
    const route = _ownedBy(TcpRoute._create(this.subject, `tcp[${this.tcpRoutes.length}]`, options), this);
    this.tcpRoutes.push(route);
    return route;
  }

  /** Adds a TLS route after the existing ones; its matches must name SNI hosts. */
  public addTlsRoute(options: TlsRouteOptions): TlsRoute {
    _checkNotSynthesized(this, 'VirtualService', 'addTlsRoute');
    _requireProps(this.subject, options, { match: 'Give the SNI hosts the route matches, such as [{ sniHosts: [\'api.example.com\'] }].' }, 'options');
    const route = _ownedBy(TlsRoute._create(this.subject, `tls[${this.tlsRoutes.length}]`, options), this);
    this.tlsRoutes.push(route);
    return route;
  }

  private validateRoutes(): string[] {
    const problems = new _Problems(this.subject);
    [...this.httpRoutes, ...this.tcpRoutes, ...this.tlsRoutes].forEach((r) => r._validate(problems));
    const names = this.httpRoutes.map((r) => r.name).filter((n): n is string => n !== undefined);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined) {
      problems.add('http[].name', 'must be unique among the routes', duplicate, 'Give each named route its own name.');
    }
    return problems.messages();
  }

  /** @internal */
  public _toKube(): k8s.VirtualServiceSpec {
    const namespace = _namespaceOf(this, this.apiObject.metadata.namespace);
    return _compact({
      hosts: this.hosts.length > 0 ? this.hosts.map((h) => h._render(namespace)) : undefined,
      gateways: this.gateways.length > 0 ? [...this.gateways] : undefined,
      exportTo: this.exportTo,
      http: this.httpRoutes.length > 0 ? this.httpRoutes.map((r) => r._toIstio(namespace)) : undefined,
      tcp: this.tcpRoutes.length > 0 ? this.tcpRoutes.map((r) => r._toIstio(namespace)) : undefined,
      tls: this.tlsRoutes.length > 0 ? this.tlsRoutes.map((r) => r._toIstio(namespace)) : undefined,
    });
  }
}
