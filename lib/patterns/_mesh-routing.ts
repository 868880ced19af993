/**
 * The routing seam of MeshService: one interface for what differs between routing with Istio's API
 * (VirtualService and DestinationRule subsets) and with the Gateway API (HTTPRoutes over a Service
 * per version). MeshService picks an implementation when it is constructed; CanaryRelease and
 * IngressGateway ask it for typed state and changes instead of reading rendered manifests.
 *
 * @internal
 */
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _ResolvedPort } from './_ports';
import { _fail, _Problems } from '../core/_errors';
import { RoutingApi } from '../core/dataplane';
import { HttpMethod } from '../core/http-method';
import { Identity } from '../core/identity';
import { GatewayHttpRoute } from '../gateway-api/gateway-http-route';
import { Destination } from '../networking/destination';
import { DestinationRule } from '../networking/destination-rule';
import { Fault } from '../networking/fault';
import { HttpRoute } from '../networking/http-route';
import { RetryPolicy } from '../networking/retry';
import { TcpRoute } from '../networking/tcp-route';
import { TrafficPolicy } from '../networking/traffic-policy';
import { VirtualService } from '../networking/virtual-service';

/** The MeshService props that routing uses. @internal */
export interface _RoutingProps {
  readonly retries?: RetryPolicy;
  readonly timeout?: Duration;
  readonly fault?: Fault;
  readonly trafficPolicy?: TrafficPolicy;
  readonly createVirtualService?: boolean;
  readonly createDestinationRule?: boolean;
}

/** The MeshService settings a routing implementation builds its objects from. @internal */
export interface _RoutingContext extends _RoutingProps {
  /** The MeshService: the scope of the routing objects. */
  readonly scope: Construct;
  readonly name: string;
  readonly namespace: string;
  /** The Service in front of every version. */
  readonly service: kplus.Service;
  readonly ports: readonly _ResolvedPort[];
  /** The first version. */
  readonly version: string;
}

/** Where a version's requests go, as a traffic intent names it. @internal */
export interface _VersionTarget {
  /** The FQDN of the Service the requests are sent to. */
  readonly host: string;
  /** The DestinationRule subset, with Istio's API. */
  readonly subset?: string;
}

/** One weighted Service backend of a port's route, as it stands. @internal */
export interface _PortBackend {
  /** The name of the Service (a version's). */
  readonly service: string;
  readonly weight?: number;
}

/** What differs between MeshService's routing back ends. @internal */
export interface _MeshRouting {
  /** The API this implementation routes with. */
  readonly api: RoutingApi;

  /** The kind of the objects that carry the weights: `VirtualService` or `HTTPRoute`. */
  readonly routeKind: string;

  /** The DestinationRule (Istio's API, unless `createDestinationRule: false`). */
  readonly destinationRule?: DestinationRule;

  /** The VirtualService (Istio's API, unless `createVirtualService: false`). */
  readonly virtualService?: VirtualService;

  /** The VirtualService's HTTP routes, one per HTTP port (Istio's API). */
  readonly httpRoutes: HttpRoute[];

  /** The VirtualService's TCP routes, one per other port (Istio's API). */
  readonly tcpRoutes: TcpRoute[];

  /** The HTTPRoutes, one per HTTP port (Gateway API). */
  readonly gatewayRoutes: GatewayHttpRoute[];

  /** Whether the service has routes whose weights can be set (false with `createVirtualService: false`). */
  readonly routable: boolean;

  /** Checks the options of a version to add. */
  checkVersion(problems: _Problems, trafficPolicy: TrafficPolicy | undefined): void;

  /** Makes a version routable: its DestinationRule subset, or its Service `<name>-<version>`. */
  addVersion(version: string, trafficPolicy: TrafficPolicy | undefined): void;

  /** Sets the weights of every port's route, in the order given. */
  setWeights(weights: { [version: string]: number }): void;

  /** Mirrors `percent` of the requests of each HTTP port's weighted route to a version. */
  mirror(version: string, percent: number): void;

  /**
   * Sends requests carrying a header to a version whatever the weights: a route on each HTTP port,
   * evaluated before the weighted one, with its timeout (and retries).
   */
  routeHeader(header: string, value: string, version: string): void;

  /**
   * The weighted destinations of the route of a port as they stand, for a VirtualService bound to a
   * gateway to follow the split; empty without such a route. `qualified`: name the hosts by FQDN.
   */
  destinationsOf(port: number, qualified: boolean): Destination[];

  /**
   * The weighted Services of the route of a port as they stand, for a gateway's HTTPRoute to follow
   * the split (empty without such a route); undefined when the split is over DestinationRule
   * subsets, which the Gateway API cannot name.
   */
  serviceBackendsOf(port: number): _PortBackend[] | undefined;

  /** The Service of a version, when the back end splits over Services. */
  versionService(version: string): kplus.Service | undefined;

  /** Where requests for a version go, for traffic intents. */
  versionTarget(version: string): _VersionTarget;
}

/** The name part of a version's Deployment: lower case, `_` as `-` (a label value may hold both, a name neither). @internal */
export function _versionSuffix(version: string): string {
  return version.toLowerCase().replace(/_/g, '-');
}

/**
 * The name of a version where a DNS-1123 label is needed: its DestinationRule subset, which istiod
 * rejects unless it is one (`validateSubsetName`, istio/istio 1.30.3 `pkg/config/validation/validation.go`),
 * and with the Gateway API the `<name>-<version>` part of its Service's name (a DNS-1035 label). The
 * version label lower-cased, `.` and `_` as `-`: `v1` stays `v1`, `2024.1_rc` is `2024-1-rc`. A label
 * value (alphanumerics first and last, at most 63 characters) always gives a DNS-1123 label. @internal
 */
export function _versionName(version: string): string {
  return version.toLowerCase().replace(/[._]/g, '-');
}

/**
 * What the other patterns ask of a MeshService beyond its public members: its routing, and the
 * access the gateway that exposes it needs. @internal
 */
export interface _MeshServiceInternals {
  readonly routing: _MeshRouting;
  /** True when `allowFrom()` allowed this principal already. */
  allowsPrincipal(principal: string): boolean;
  /** Allows a caller, as `allowFrom()` does. */
  allow(identity: Identity, options: { readonly ports?: number[]; readonly paths?: string[]; readonly methods?: HttpMethod[] }): void;
  /** The labels the Service selects its pods on, as they stand. */
  serviceSelector(): { [key: string]: string };
}

const registry = new WeakMap<object, _MeshServiceInternals>();

/** Records the internals of a MeshService. @internal */
export function _registerMeshService(service: object, internals: _MeshServiceInternals): void {
  registry.set(service, internals);
}

/**
 * The internals of a MeshService of this library; fails naming the construct and the prop for any
 * other object (an `IMeshService` implemented elsewhere, such as in plain JavaScript). @internal
 */
export function _meshServiceInternals(subject: string, prop: string, service: unknown): _MeshServiceInternals {
  const found = service !== null && typeof service === 'object' ? registry.get(service) : undefined;
  if (!found) {
    _fail(subject, prop, 'must be a MeshService of cdk8s-istio: the pattern routes through the MeshService\'s own VirtualService or HTTPRoutes',
      (service as any)?.node?.path ?? (service as any)?.name ?? service,
      'Pass a MeshService (a CanaryRelease\'s meshService is one), or create one with new MeshService(...).');
  }
  return found;
}
