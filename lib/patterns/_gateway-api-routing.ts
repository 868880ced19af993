/**
 * MeshService routing with the Gateway API: a Service `<name>-<version>` per version and an
 * HTTPRoute per HTTP port whose parent is the service's Service and whose backends are the version
 * Services, weighted.
 *
 * @internal
 */
import * as kplus from 'cdk8s-plus-28';
import { _MeshKubeService } from './_mesh-kube-service';
import { _MeshRouting, _PortBackend, _RoutingContext, _RoutingProps, _VersionTarget, _versionName } from './_mesh-routing';
import { _ResolvedPort } from './_ports';
import { _Problems } from '../core/_errors';
import { _serviceFqdn } from '../core/_host';
import { RoutingApi } from '../core/dataplane';
import { MeshLabels } from '../core/labels';
import { GatewayHttpMatch } from '../gateway-api/gateway-http-match';
import { GatewayHttpRoute } from '../gateway-api/gateway-http-route';
import { BackendRef, ParentRef } from '../gateway-api/route-refs';
import { Destination } from '../networking/destination';
import { HttpRoute } from '../networking/http-route';
import { TcpRoute } from '../networking/tcp-route';
import { TrafficPolicy } from '../networking/traffic-policy';

const FIX = 'Route with RoutingApi.ISTIO (VirtualService) for it, or leave it out.';

/** @internal */
export class _GatewayApiRouting implements _MeshRouting {
  /** The checks of the props that the Gateway API cannot express. @internal */
  public static check(problems: _Problems, props: _RoutingProps, ports: readonly _ResolvedPort[]): void {
    const attempts = props.retries?.attempts;
    problems.check(props.retries === undefined || attempts === 0, 'retries',
      'cannot be expressed with RoutingApi.GATEWAY_API: the standard-channel HTTPRoute (v1.5.1) has no retries', attempts, FIX);
    problems.check(props.fault === undefined, 'fault',
      'cannot be expressed with RoutingApi.GATEWAY_API: the HTTPRoute has no fault injection', 'fault', FIX);
    problems.check(props.trafficPolicy === undefined, 'trafficPolicy',
      'cannot be used with RoutingApi.GATEWAY_API: the HTTPRoute sends to the version Services, which no DestinationRule subset covers',
      'trafficPolicy', FIX);
    const other = ports.filter((p) => !p.http).map((p) => `${p.number}/${p.appProtocol}`);
    problems.check(other.length === 0, 'ports',
      'must all be HTTP, HTTP2, GRPC or GRPC-WEB with RoutingApi.GATEWAY_API: the pattern emits HTTPRoutes only (TCPRoute is not in the v1.5.1 standard channel, and it builds no TLSRoute)', other,
      'Route with RoutingApi.ISTIO, or serve the other ports from another service.');
    for (const prop of ['createVirtualService', 'createDestinationRule'] as const) {
      problems.check(props[prop] === undefined, prop, 'applies to RoutingApi.ISTIO only: RoutingApi.GATEWAY_API creates HTTPRoutes, no VirtualService or DestinationRule',
        props[prop], `Leave ${prop} out, or route with RoutingApi.ISTIO.`);
    }
  }

  public readonly api = RoutingApi.GATEWAY_API;
  public readonly routeKind = 'HTTPRoute';
  public readonly routable = true;
  /** The HTTPRoutes, one per HTTP port. */
  public readonly gatewayRoutes: GatewayHttpRoute[] = [];
  public readonly httpRoutes: HttpRoute[] = [];
  public readonly tcpRoutes: TcpRoute[] = [];
  private readonly httpPorts: _ResolvedPort[];
  private readonly versionServices = new Map<string, kplus.Service>();

  public constructor(private readonly ctx: _RoutingContext) {
    this.addVersion(ctx.version);
    this.httpPorts = ctx.ports.filter((p) => p.http);
    const several = this.httpPorts.length > 1;
    for (const port of this.httpPorts) {
      this.gatewayRoutes.push(new GatewayHttpRoute(ctx.scope, several ? `HTTPRoute-${port.number}` : 'HTTPRoute', {
        metadata: { name: several ? `${ctx.name}-${port.number}` : ctx.name, namespace: ctx.namespace },
        parentRefs: [ParentRef.fromService(ctx.service, { port: port.number })],
        rules: [{ backendRefs: this.backendsFor(port, { [ctx.version]: undefined }), timeout: ctx.timeout }],
      }));
    }
  }

  public checkVersion(problems: _Problems, trafficPolicy: TrafficPolicy | undefined): void {
    problems.check(trafficPolicy === undefined, 'options.trafficPolicy',
      'cannot be used with RoutingApi.GATEWAY_API: the HTTPRoute sends to the version Services, which no DestinationRule subset covers',
      'trafficPolicy', 'Leave trafficPolicy out, or route with RoutingApi.ISTIO.');
  }

  /** The Service `<name>-<version>` of one version, which the Gateway API splits traffic to. */
  public addVersion(version: string): void {
    const ctx = this.ctx;
    const service = new _MeshKubeService(ctx.scope, `Service-${version}`, {
      metadata: { name: `${ctx.name}-${_versionName(version)}`, namespace: ctx.namespace, labels: { [MeshLabels.APP]: ctx.name, [MeshLabels.VERSION]: version } },
    }, ctx.ports);
    service.selectLabel(MeshLabels.APP, ctx.name);
    service.selectLabel(MeshLabels.VERSION, version);
    this.versionServices.set(version, service);
  }

  public setWeights(weights: { [version: string]: number }): void {
    this.gatewayRoutes.forEach((route, i) => route.replaceBackends(0, this.backendsFor(this.httpPorts[i], weights)));
  }

  public mirror(version: string, percent: number): void {
    this.gatewayRoutes.forEach((route, i) => route.updateRule(0, { mirror: { backend: this.backendOf(version, this.httpPorts[i]), percent } }));
  }

  public routeHeader(header: string, value: string, version: string): void {
    this.gatewayRoutes.forEach((route, i) => route.addRule({
      matches: [GatewayHttpMatch.header(header, value)],
      backendRefs: [this.backendOf(version, this.httpPorts[i])],
      timeout: route.ruleAt(0).timeout,
    }));
  }

  public destinationsOf(port: number, qualified: boolean): Destination[] {
    const host = (name: string) => !qualified || this.ctx.namespace === '' ? name : _serviceFqdn(name, this.ctx.namespace);
    return (this.serviceBackendsOf(port) ?? []).map((b) => Destination.to(host(b.service), { port, weight: b.weight }));
  }

  public serviceBackendsOf(port: number): _PortBackend[] {
    const route = this.gatewayRoutes[this.httpPorts.findIndex((p) => p.number === port)];
    const current = route?.ruleCount ? route.ruleAt(0).backendRefs ?? [] : [];
    return current.map((b) => ({ service: b.name, weight: b.weight }));
  }

  public versionService(version: string): kplus.Service | undefined {
    return this.versionServices.get(version);
  }

  public versionTarget(version: string): _VersionTarget {
    return { host: _serviceFqdn(`${this.ctx.name}-${_versionName(version)}`, this.ctx.namespace) };
  }

  /** The backends of an HTTPRoute rule: the version Services, weighted. */
  private backendsFor(port: _ResolvedPort, weights: { [version: string]: number | undefined }): BackendRef[] {
    return Object.entries(weights)
      .map(([version, weight]) => BackendRef.service(this.versionServices.get(version)!.name, { port: port.number, weight }));
  }

  private backendOf(version: string, port: _ResolvedPort): BackendRef {
    return BackendRef.service(this.versionServices.get(version)!.name, { port: port.number });
  }
}
