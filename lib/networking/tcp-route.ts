import { _checkWeights, _replaceEach } from './_validation';
import { Destination } from './destination';
import type * as k8s from '../../imports/networking.istio.io';
import { _compact, _snapshot } from '../core/_compact';
import { _Problems } from '../core/_errors';
import { _checkOptionalPort } from '../core/_port';
import { _checkOwnerNotSynthesized } from '../core/_synth';

/**
 * Conditions TCP traffic must meet for a TCP route to apply.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#L4MatchAttributes
 */
export interface TcpMatch {
  /**
   * The port the connection is made to.
   *
   * @default - any port
   */
  readonly port?: number;

  /**
   * The destination IPv4 or IPv6 addresses or subnets (`10.1.0.0/16`).
   *
   * @default - any destination address
   */
  readonly destinationSubnets?: string[];

  /**
   * Labels the calling workload must carry.
   *
   * @default - any caller
   */
  readonly sourceLabels?: { [key: string]: string };

  /**
   * The namespace of the calling workload.
   *
   * @default - any namespace
   */
  readonly sourceNamespace?: string;

  /**
   * The gateways the match applies to; overrides the VirtualService's `gateways`.
   *
   * @default - the VirtualService's gateways
   */
  readonly gateways?: string[];
}

/** Renders the L4 match attributes shared by TCP and TLS matches. @internal */
export function _l4MatchToIstio(m: TcpMatch): k8s.VirtualServiceSpecTcpMatch {
  return _compact({
    port: m.port,
    destinationSubnets: m.destinationSubnets ? [...m.destinationSubnets] : undefined,
    sourceLabels: m.sourceLabels ? { ...m.sourceLabels } : undefined,
    sourceNamespace: m.sourceNamespace,
    gateways: m.gateways ? [...m.gateways] : undefined,
  });
}

/** Synth-time checks of a TCP or TLS route: at least one destination, and weights that send traffic somewhere. @internal */
export function _validateL4Route(problems: _Problems, prop: string, destinations: readonly Destination[]): void {
  problems.check(destinations.length > 0, `${prop}.route`, 'must not be empty', [],
    'Add a destination with route: [Destination.to(...)] or addDestination().');
  _checkWeights(problems, `${prop}.route`, destinations);
}

/**
 * A TCP route: conditions and the destinations of opaque TCP traffic.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TCPRoute
 */
export interface TcpRouteOptions {
  /**
   * The conditions; the route applies when any of them matches.
   *
   * @default - every connection
   */
  readonly match?: TcpMatch[];

  /**
   * Where connections go (destination headers do not apply).
   *
   * @default - none yet: add destinations with `addDestination()`
   */
  readonly route?: Destination[];
}

/**
 * A TCP route of a VirtualService, made by `VirtualService.addTcpRoute()`.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TCPRoute
 */
export class TcpRoute {
  /** @internal */
  public static _create(subject: string, prop: string, options: TcpRouteOptions): TcpRoute {
    return new TcpRoute(subject, prop, options);
  }

  private readonly destinations: Destination[] = [];

  private readonly options: TcpRouteOptions;

  private constructor(private readonly subject: string, private readonly prop: string, options: TcpRouteOptions) {
    const problems = new _Problems(subject);
    (options.match ?? []).forEach((m, i) => _checkOptionalPort(problems, `${prop}.match[${i}].port`, m.port));
    problems.throwIfAny();
    this.options = _snapshot(options);
    (options.route ?? []).forEach((d) => this.addDestination(d));
  }

  /** Adds a destination; fails at once when it carries headers, which TCP cannot have. */
  public addDestination(destination: Destination): TcpRoute {
    _checkOwnerNotSynthesized(this, this.subject, this.prop, 'addDestination');
    const problems = new _Problems(this.subject);
    problems.check(destination.headers === undefined, `${this.prop}.route`, 'must not carry headers: TCP has none', destination.headers,
      'Remove the headers from the destination.');
    problems.throwIfAny();
    this.destinations.push(destination);
    return this;
  }

  /**
   * Replaces the route's destinations with these, so traffic can be shifted after the route was
   * made. Fails at once, leaving the route as it was, when a destination carries headers.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#RouteDestination
   */
  public replaceDestinations(...destinations: Destination[]): TcpRoute {
    _checkOwnerNotSynthesized(this, this.subject, this.prop, 'replaceDestinations');
    _replaceEach(this.destinations, destinations, (d) => this.addDestination(d));
    return this;
  }

  /** @internal */
  public _validate(problems: _Problems): void {
    _validateL4Route(problems, this.prop, this.destinations);
  }

  /** @internal */
  public _toIstio(namespace: string | undefined): k8s.VirtualServiceSpecTcp {
    return _compact({
      match: this.options.match?.map(_l4MatchToIstio),
      route: this.destinations.length > 0 ? this.destinations.map((d) => d._routeToIstio(namespace)) : undefined,
    });
  }
}
