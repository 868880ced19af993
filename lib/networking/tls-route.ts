import { Destination } from './destination';
import { TcpMatch, _l4MatchToIstio, _validateL4Route } from './tcp-route';
import type * as k8s from '../../imports/networking.istio.io';
import { _compact, _snapshot } from '../core/_compact';
import { _Problems } from '../core/_errors';
import { _hostProblem } from '../core/_host';
import { _checkOptionalPort } from '../core/_port';
import { _checkOwnerNotSynthesized } from '../core/_synth';

/**
 * Conditions TLS traffic must meet for a TLS route to apply; the SNI is required.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TLSMatchAttributes
 */
export interface TlsMatch extends TcpMatch {
  /** The SNI values to match (`www.example.com`, `*.example.com`); at least one. */
  readonly sniHosts: string[];
}

/**
 * A TLS route: SNI conditions and the destinations of TLS traffic passed through unterminated.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TLSRoute
 */
export interface TlsRouteOptions {
  /** The conditions; the route applies when any of them matches. At least one. */
  readonly match: TlsMatch[];

  /**
   * Where connections go (destination headers do not apply).
   *
   * @default - none yet: add destinations with `addDestination()`
   */
  readonly route?: Destination[];
}

/**
 * A TLS route of a VirtualService, made by `VirtualService.addTlsRoute()`.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TLSRoute
 */
export class TlsRoute {
  /** @internal */
  public static _create(subject: string, prop: string, options: TlsRouteOptions): TlsRoute {
    return new TlsRoute(subject, prop, options);
  }

  private readonly destinations: Destination[] = [];

  private readonly options: TlsRouteOptions;

  private constructor(private readonly subject: string, private readonly prop: string, options: TlsRouteOptions) {
    const problems = new _Problems(subject);
    const matches = options.match ?? [];
    problems.check(matches.length > 0, `${prop}.match`, 'must not be empty', matches,
      'Give at least one match with sniHosts: Istio routes TLS by its SNI.');
    matches.forEach((m, i) => {
      const sni = m.sniHosts ?? [];
      problems.check(sni.length > 0, `${prop}.match[${i}].sniHosts`, 'must not be empty', sni,
        'Give the SNI host names to route, such as [\'www.example.com\'].');
      sni.forEach((h, j) => {
        const problem = _hostProblem(h);
        if (problem) problems.add(`${prop}.match[${i}].sniHosts[${j}]`, problem, h, 'Use a host name, `*.example.com` or `*`.');
      });
      _checkOptionalPort(problems, `${prop}.match[${i}].port`, m.port);
    });
    problems.throwIfAny();
    this.options = _snapshot(options);
    (options.route ?? []).forEach((d) => this.addDestination(d));
  }

  /** Adds a destination; fails at once when it carries headers, which TLS routes cannot have. */
  public addDestination(destination: Destination): TlsRoute {
    _checkOwnerNotSynthesized(this, this.subject, this.prop, 'addDestination');
    const problems = new _Problems(this.subject);
    problems.check(destination.headers === undefined, `${this.prop}.route`, 'must not carry headers: TLS routes do not see them', destination.headers,
      'Remove the headers from the destination.');
    problems.throwIfAny();
    this.destinations.push(destination);
    return this;
  }

  /** @internal */
  public _validate(problems: _Problems): void {
    _validateL4Route(problems, this.prop, this.destinations);
  }

  /** @internal */
  public _toIstio(namespace: string | undefined): k8s.VirtualServiceSpecTls {
    return _compact({
      match: this.options.match.map((m) => ({ sniHosts: [...m.sniHosts], ..._l4MatchToIstio(m) })),
      route: this.destinations.length > 0 ? this.destinations.map((d) => d._routeToIstio(namespace)) : undefined,
    });
  }
}
