/**
 * The HTTP exposures of an IngressGateway: routes for hosts, cdk8s-plus Services and MeshServices,
 * checked against the gateway's servers and rendered as VirtualServices bound to the gateway
 * (Istio's API) or HTTPRoutes attached to it (Gateway API); each declared as a traffic intent.
 *
 * @internal
 */
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { _serverServes, _splitServerHost } from './_gateway-hosts';
import { _CheckedExposure, _IngressContext, _IngressHttpBackEnd, _ServiceBackend } from './_ingress-context';
import { _IngressHttpRoutes, _sameHosts, _serviceOfHost } from './_ingress-gateway-api';
import { _IngressVirtualServices } from './_ingress-istio-api';
import { _IngressServers } from './_ingress-servers';
import { _MeshServiceInternals, _meshServiceInternals } from './_mesh-routing';
import { IngressExposeOptions, IngressMeshServiceOptions, IngressServiceOptions } from './ingress-expose';
import { IMeshService } from './mesh-service-ref';
import { _didYouMean, _Problems } from '../core/_errors';
import { _hostProblem } from '../core/_host';
import { _declareIntents, _Intent, _withNamespaceGuard } from '../core/_intents';
import { _checkDnsSubdomain } from '../core/_names';
import { _isHttpProtocol, _portNameProtocol } from '../core/_protocol';
import { DataPlaneMode, RoutingApi } from '../core/dataplane';
import { HttpMethod } from '../core/http-method';
import { Identity } from '../core/identity';
import { MeshLabels } from '../core/labels';
import { ParentRef } from '../gateway-api/route-refs';
import { Destination } from '../networking/destination';
import { HttpMatch } from '../networking/http-match';
import { VirtualService } from '../networking/virtual-service';

/** Where a route sends requests, decided at synth (so later traffic splits are seen). */
type Backends = () => Destination[];

/** @internal */
export class _IngressHttp {
  public readonly virtualServices: _IngressVirtualServices;
  public readonly httpRoutes: _IngressHttpRoutes;
  private readonly backEnd: _IngressHttpBackEnd;

  constructor(private readonly ctx: _IngressContext, private readonly serverSet: _IngressServers, private readonly identity: Identity,
    private readonly podLabels: { [key: string]: string }) {
    this.virtualServices = new _IngressVirtualServices(ctx);
    this.httpRoutes = new _IngressHttpRoutes(ctx, (hosts) => this.parentsFor(hosts));
    this.backEnd = ctx.routing === RoutingApi.GATEWAY_API ? this.httpRoutes : this.virtualServices;
  }

  public exposeHost(host: string, port: number | undefined, options: IngressExposeOptions): VirtualService | undefined {
    const problems = new _Problems(this.ctx.subject);
    const problem = _hostProblem(host, { allowStar: false, allowWildcard: false });
    if (problem) problems.add('host', problem, host, 'Give a Service name, a Service FQDN or a ServiceEntry host, such as \'productpage\'.');
    const service = _serviceOfHost(host);
    this.backEnd.checkHostTarget(problems, host, port, service, !problem);
    const checked = this.checkExposure(problems, options);
    const namespace = service?.namespace !== this.ctx.routesNamespace ? service?.namespace : undefined;
    this.backEnd.checkBackendNamespace(problems, 'host', namespace);
    problems.throwIfAny();
    const destination = Destination.to(host, { port });
    this.declareExposeIntent(checked.hosts, options, `host ${host}${port === undefined ? '' : `:${port}`}`, undefined, service?.namespace ?? this.ctx.routesNamespace);
    return this.addExposure(checked, options, () => [destination], () => [{ name: service!.name, namespace, port: port! }]);
  }

  public exposeService(service: kplus.Service, options: IngressServiceOptions): VirtualService | undefined {
    const problems = new _Problems(this.ctx.subject);
    const port = this.servicePort(problems, service, options.port, () => true);
    const checked = this.checkExposure(problems, options);
    const namespace = this.backendNamespace(service.metadata.namespace ?? Chart.of(service).namespace);
    this.backEnd.checkBackendNamespace(problems, 'service', namespace);
    problems.throwIfAny();
    const destination = Destination.toService(service, { port });
    this.declareExposeIntent(checked.hosts, options, `Service '${service.name}'`, service.node.path, service.metadata.namespace ?? Chart.of(service).namespace ?? this.ctx.routesNamespace);
    return this.addExposure(checked, options, () => [destination], () => [{ name: service.name, namespace, port }]);
  }

  public exposeMeshService(service: IMeshService, options: IngressMeshServiceOptions): VirtualService | undefined {
    const mesh = _meshServiceInternals(this.ctx.subject, 'service', service);
    const problems = new _Problems(this.ctx.subject);
    const isHttp = (p: kplus.ServicePort) => _isHttpProtocol(_portNameProtocol(p.name ?? ''));
    const port = this.servicePort(problems, service.service, options.port, isHttp);
    const checked = this.checkExposure(problems, options);
    const namespace = this.backendNamespace(service.namespace);
    this.backEnd.checkBackendNamespace(problems, 'service', namespace);
    problems.throwIfAny();
    // In ambient mode the gateway skips the service's waypoint (its L7 routing and policy) unless the Service says otherwise.
    if (service.dataplane === DataPlaneMode.AMBIENT) service.service.metadata.addLabel(MeshLabels.INGRESS_USE_WAYPOINT, 'true');
    this.declareExposeIntent(checked.hosts, options, `MeshService '${service.name}'`, service.node.path, service.namespace || this.ctx.routesNamespace);
    this.allowThroughDenyAll(service, mesh, port, options);
    const plain = () => [Destination.toService(service.service, { port })];
    const plainBackend = (): _ServiceBackend[] => [{ name: service.service.name, namespace, port }];
    if (options.followTrafficSplit === false) return this.addExposure(checked, options, plain, plainBackend);
    // The gateway's route follows the service's split as it stands at synth: its subsets or version Services, weighted.
    const routing = mesh.routing;
    const destinations = () => {
      const current = routing.destinationsOf(port, namespace !== undefined);
      return current.length > 0 ? current : plain();
    };
    if (!this.backEnd.namesSubsets && routing.serviceBackendsOf(port) === undefined) {
      this.ctx.owner.node.addValidation({
        validate: () => new _Problems(this.ctx.subject).check(service.versions.length <= 1, 'service',
          `routes with RoutingApi.ISTIO (DestinationRule subsets, which the Gateway API cannot name) and runs ${service.versions.length} versions `
          + `(${service.versions.join(', ')}): the gateway's HTTPRoute cannot follow its traffic split`, service.name,
          'Give the MeshService routing: RoutingApi.GATEWAY_API (a Service per version), or expose it with followTrafficSplit: false '
          + 'to send to its Service as a whole, spread over every version\'s pods.').messages(),
      });
    }
    return this.addExposure(checked, options, destinations, () => {
      const current = routing.serviceBackendsOf(port) ?? [];
      return current.length > 0 ? current.map((b) => ({ name: b.service, namespace, port, weight: b.weight })) : plainBackend();
    });
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
    _declareIntents(this.ctx.owner, (): _Intent[] => {
      const host = hosts[0] === '*' ? 'intent.example.com' : hosts[0].replace(/^\*/, 'intent');
      const serves = (h: string) => _serverServes(h, hosts[0], this.ctx.routesNamespace, this.ctx.namespace);
      const server = this.serverSet.servers.find((s) => s.routes && !s.redirect && s.hosts.some(serves));
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
        declaredBy: this.ctx.owner.node.path,
        callee,
        calleeNamespace,
        callerNamespace: ns,
        description: `requests for ${host}${request.path} entering IngressGateway '${this.ctx.name}' reach ${what}`,
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
  private allowThroughDenyAll(service: IMeshService, mesh: _MeshServiceInternals, port: number, options: IngressMeshServiceOptions): void {
    const principal = this.identity.asPrincipal;
    const podLabels = service.selector.matchLabels;
    _withNamespaceGuard(service, service.namespace, (guard) => {
      if (!guard.denyAll || guard.allowsPrincipal(principal, podLabels) || mesh.allowsPrincipal(principal)) return;
      const requests = (options.match ?? []).map((m) => m.conditions);
      const rewritten = options.rewrite?.uri !== undefined || options.rewrite?.uriRegexRewrite !== undefined;
      const paths = requests.map((c) => c.uri?.kind === 'exact' ? c.uri.value : c.uri?.kind === 'prefix' ? `${c.uri.value}*` : undefined);
      const methods = requests.map((c) => c.method?.kind === 'exact' ? c.method.value : undefined);
      mesh.allow(this.identity, {
        ports: [port],
        paths: !rewritten && paths.length > 0 && paths.every((p) => p !== undefined) ? paths as string[] : undefined,
        methods: methods.length > 0 && methods.every((m) => m !== undefined && (Object.values(HttpMethod) as string[]).includes(m))
          ? methods as HttpMethod[] : undefined,
      });
    });
  }

  /** The namespace a backend is named with: its own when it differs from the routes'. */
  private backendNamespace(namespace: string | undefined): string | undefined {
    return namespace && namespace !== this.ctx.routesNamespace ? namespace : undefined;
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
  private checkExposure(problems: _Problems, options: IngressExposeOptions): _CheckedExposure {
    const routing = this.serverSet.servers.filter((s) => s.routes);
    if (routing.length === 0) {
      problems.add('servers', 'must include an HTTP or terminating HTTPS server before routes are exposed', this.serverSet.servers.map((s) => `${s.port}/${s.portName}`),
        'Add one with httpServers, httpsServers, addHttpServer() or addHttpsServer() first.');
      return { hosts: [] };
    }
    const groups = this.backEnd.byName;
    const served = [...new Set(routing.flatMap((s) => s.hosts))];
    const hosts = options.hosts ?? [...new Set(served.map((h) => _splitServerHost(h).host))];
    problems.check(hosts.length > 0, 'options.hosts', 'must not be empty', hosts, 'Leave hosts out to take every host the gateway serves, or give some.');
    hosts.forEach((host, i) => {
      const problem = _hostProblem(host);
      if (problem) {
        problems.add(`options.hosts[${i}]`, problem, host, 'Use a host such as \'shop.example.com\', \'*.example.com\' or \'*\'.');
        return;
      }
      if (!this.backEnd.checkExposedHost(problems, `options.hosts[${i}]`, host)) return;
      const ok = routing.some((s) => s.hosts.some((h) => _serverServes(h, host, this.ctx.routesNamespace, this.ctx.namespace)));
      if (!ok) {
        const plain = served.map((h) => _splitServerHost(h).host);
        problems.add(`options.hosts[${i}]`, `is not served by any HTTP or terminating HTTPS server of Gateway '${this.ctx.name}' (serving ${served.join(', ')}) for VirtualServices in namespace '${this.ctx.routesNamespace ?? '(none)'}'`,
          host, `Expose one of the served hosts, or add a server for '${host}'.${_didYouMean(host, plain)}`);
      }
    });
    const target = options.virtualServiceName !== undefined ? groups.get(options.virtualServiceName)
      : [...groups.values()].find((vs) => _sameHosts(vs.exposedHosts, hosts));
    this.backEnd.checkSharedHosts(problems, hosts, target);
    if (options.virtualServiceName !== undefined) {
      const existing = groups.get(options.virtualServiceName);
      _checkDnsSubdomain(problems, 'options.virtualServiceName', options.virtualServiceName, 'Use lower-case letters, digits, \'-\' and \'.\'.');
      problems.check(!existing || _sameHosts(existing.exposedHosts, hosts), 'options.virtualServiceName',
        `names a VirtualService of other hosts (${existing ? existing.exposedHosts.join(', ') : ''})`, options.virtualServiceName,
        'Give the same hosts as its earlier routes, or another virtualServiceName.');
    }
    return this.backEnd.checkOptions(problems, options, hosts);
  }

  private addExposure(checked: _CheckedExposure, options: IngressExposeOptions, backends: Backends,
    serviceBackends: () => _ServiceBackend[]): VirtualService | undefined {
    return this.backEnd.add(checked, options, backends, serviceBackends);
  }

  /** The listeners serving any of the hosts, as a route's parents. */
  private parentsFor(hosts: string[]): ParentRef[] {
    const serves = (serverHost: string) => hosts.some((h) => _serverServes(serverHost, h, this.ctx.routesNamespace, this.ctx.namespace));
    return this.serverSet.parentRefs((l) => l.routes && serves(l.serverHost));
  }
}

/** A request an exposure's match takes: its exact or prefix path, exact method and exact headers; none for a regex path. */
function matchRequest(match: HttpMatch | undefined): { path: string; method?: string; headers?: { [name: string]: string } } | undefined {
  if (!match) return { path: '/' };
  const c = match.conditions;
  if (c.uri?.kind === 'regex') return undefined;
  const headers = Object.fromEntries(Object.entries(c.headers ?? {}).filter(([, v]) => v.kind === 'exact').map(([k, v]) => [k, v.value]));
  return {
    path: c.uri?.value ?? '/',
    method: c.method?.kind === 'exact' ? c.method.value : undefined,
    headers: Object.keys(headers).length > 0 ? headers : undefined,
  };
}
