/**
 * MeshService routing with Istio's API: a DestinationRule with a subset per version and a
 * VirtualService whose host is the Service, with a route per port.
 *
 * @internal
 */
import * as kplus from 'cdk8s-plus-28';
import { _MeshRouting, _PortBackend, _RoutingContext, _RoutingProps, _VersionTarget, _versionName } from './_mesh-routing';
import { _ResolvedPort } from './_ports';
import { _Problems } from '../core/_errors';
import { _serviceFqdn } from '../core/_host';
import { RoutingApi } from '../core/dataplane';
import { MeshLabels } from '../core/labels';
import { GatewayHttpRoute } from '../gateway-api/gateway-http-route';
import { Destination } from '../networking/destination';
import { DestinationRule } from '../networking/destination-rule';
import { HttpMatch } from '../networking/http-match';
import { HttpRoute } from '../networking/http-route';
import { StringMatch } from '../networking/string-match';
import { TcpRoute } from '../networking/tcp-route';
import { TrafficPolicy } from '../networking/traffic-policy';
import { VirtualService } from '../networking/virtual-service';

/** A port and its route in the VirtualService. */
interface PortRoute {
  readonly port: _ResolvedPort;
  readonly http?: HttpRoute;
  readonly tcp?: TcpRoute;
}

/** @internal */
export class _IstioRouting implements _MeshRouting {
  /** The checks of the props that only Istio's API routing uses. @internal */
  public static check(problems: _Problems, props: _RoutingProps): void {
    const noVs = props.createVirtualService === false;
    const noDr = props.createDestinationRule === false;
    problems.check(!noDr || noVs, 'createDestinationRule', 'is false, but the VirtualService the service creates routes to the DestinationRule\'s version subsets', false,
      'Set createVirtualService: false too, or keep the DestinationRule and change it through the destinationRule field.');
    problems.check(!noDr || props.trafficPolicy === undefined, 'trafficPolicy', 'belongs to the DestinationRule, which createDestinationRule: false leaves out',
      'trafficPolicy', 'Set the traffic policy in the DestinationRule that covers the service, or leave createDestinationRule out.');
    if (!noVs) return;
    for (const prop of ['retries', 'timeout', 'fault'] as const) {
      problems.check(props[prop] === undefined, prop, 'belongs to the VirtualService, which createVirtualService: false leaves out', prop,
        `Set ${prop} in the VirtualService that routes the service, or leave createVirtualService out.`);
    }
  }

  public readonly api = RoutingApi.ISTIO;
  public readonly routeKind = 'VirtualService';
  public readonly destinationRule?: DestinationRule;
  public readonly virtualService?: VirtualService;
  public readonly httpRoutes: HttpRoute[] = [];
  public readonly tcpRoutes: TcpRoute[] = [];
  public readonly gatewayRoutes: GatewayHttpRoute[] = [];
  private readonly routes: PortRoute[] = [];

  public constructor(private readonly ctx: _RoutingContext) {
    const metadata = { name: ctx.name, namespace: ctx.namespace };
    if (ctx.createDestinationRule ?? true) {
      this.destinationRule = new DestinationRule(ctx.scope, 'DestinationRule', {
        metadata,
        service: ctx.service,
        subsets: [subset(ctx.version, undefined)],
        trafficPolicy: ctx.trafficPolicy,
      });
    }
    if (ctx.createVirtualService === false) return;
    const vs = new VirtualService(ctx.scope, 'VirtualService', { metadata, services: [ctx.service] });
    this.virtualService = vs;
    for (const port of ctx.ports.filter((p) => !p.udp)) {
      const route = destinationsFor(ctx, port, { [ctx.version]: undefined });
      const match = ctx.ports.length > 1 ? { port: port.number } : undefined;
      if (port.http) {
        const options = { match: match ? [HttpMatch.of(match)] : undefined, route, retries: ctx.retries, timeout: ctx.timeout, fault: ctx.fault };
        const http = vs.addHttpRoute(options);
        this.httpRoutes.push(http);
        this.routes.push({ port, http });
      } else {
        const tcp = vs.addTcpRoute({ match: match ? [match] : undefined, route });
        this.tcpRoutes.push(tcp);
        this.routes.push({ port, tcp });
      }
    }
  }

  public get routable(): boolean {
    return this.virtualService !== undefined;
  }

  public checkVersion(): void {
    // A version's traffic policy goes into its subset.
  }

  public addVersion(version: string, trafficPolicy: TrafficPolicy | undefined): void {
    this.destinationRule?.addSubset(subset(version, trafficPolicy));
  }

  public setWeights(weights: { [version: string]: number }): void {
    // HTTP routes first, as the VirtualService lists them.
    for (const r of [...this.routes.filter((x) => x.http), ...this.routes.filter((x) => x.tcp)]) {
      (r.http ?? r.tcp)!.replaceDestinations(...destinationsFor(this.ctx, r.port, weights));
    }
  }

  public mirror(version: string, percent: number): void {
    for (const r of this.routes) r.http?.mirrorTo(this.canaryAt(version, r.port), percent);
  }

  public routeHeader(header: string, value: string, version: string): void {
    // Each header route goes before the first weighted route, so that every one of them is evaluated first.
    const first = this.routes.find((r) => r.http)?.http;
    for (const r of this.routes.filter((x) => x.http)) {
      const port = this.portOf(r.port);
      this.virtualService!.addHttpRouteBefore(first!, {
        match: [HttpMatch.header(header, StringMatch.exact(value), port !== undefined ? { port } : {})],
        route: [this.canaryAt(version, r.port)],
        timeout: this.ctx.timeout,
        retries: this.ctx.retries,
      });
    }
  }

  public destinationsOf(port: number): Destination[] {
    const single = this.ctx.service.ports.length === 1;
    const route = this.routes.find((r) => r.http && (single || r.port.number === port))?.http;
    return (route?.destinations ?? []).map((d) => Destination.toService(this.ctx.service, { port, subset: d.subset, weight: d.weight }));
  }

  public serviceBackendsOf(): _PortBackend[] | undefined {
    return undefined;
  }

  public versionService(): kplus.Service | undefined {
    return undefined;
  }

  public versionTarget(version: string): _VersionTarget {
    return { host: _serviceFqdn(this.ctx.name, this.ctx.namespace), subset: _versionName(version) };
  }

  /** The port a route matches, when the service has several. */
  private portOf(port: _ResolvedPort): number | undefined {
    return this.ctx.ports.length > 1 ? port.number : undefined;
  }

  private canaryAt(version: string, port: _ResolvedPort): Destination {
    return Destination.toService(this.ctx.service, { subset: _versionName(version), port: this.portOf(port) });
  }
}

/** A version's subset: named as istiod accepts (a DNS-1123 label), selecting the version label as it is. */
function subset(version: string, trafficPolicy: TrafficPolicy | undefined) {
  return { name: _versionName(version), labels: { [MeshLabels.VERSION]: version }, trafficPolicy };
}

/** The destinations of a port's route: one per version, naming the port when the service has several.*/
function destinationsFor(ctx: _RoutingContext, port: _ResolvedPort, weights: { [version: string]: number | undefined }): Destination[] {
  return Object.entries(weights).map(([version, weight]) => Destination.toService(ctx.service, {
    subset: _versionName(version),
    weight,
    port: ctx.ports.length > 1 ? port.number : undefined,
  }));
}
