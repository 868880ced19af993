import * as kplus from 'cdk8s-plus-28';
import { HeadersPolicy, _headersToIstio } from './headers';
import type * as k8s from '../../imports/networking.istio.io';
import { _Problems } from '../core/_errors';
import { _hostProblem } from '../core/_host';
import { _checkOptionalPort } from '../core/_port';
import { ServiceHost } from '../core/host';

/** Options of a route destination. */
export interface DestinationOptions {
  /**
   * The name of a subset of the host, as a DestinationRule defines it.
   *
   * @default - any endpoint of the host
   */
  readonly subset?: string;

  /**
   * The port on the host to send traffic to; needed only when the host exposes several ports.
   *
   * @default - the host's only port
   */
  readonly port?: number;

  /**
   * The share of traffic for this destination, relative to the other destinations of the same
   * route. Istio treats weights as proportions: they need not sum to 100.
   *
   * @default - Istio's own default: 100 for a single destination, otherwise an explicit weight is advised
   */
  readonly weight?: number;

  /**
   * Header manipulations applied only when traffic goes to this destination (HTTP routes only).
   *
   * @default - none
   */
  readonly headers?: HeadersPolicy;
}

/**
 * Where a route sends traffic: a host (a Service or a ServiceEntry host), optionally a subset
 * and a port, with a weight relative to the route's other destinations.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
 */
export class Destination {
  /**
   * A destination by host name: a short name (read in the namespace of the VirtualService), an FQDN
   * or a ServiceEntry host (`*.example.com` included; `*` alone is not a destination).
   *
   * @example Destination.to('payments-api', { subset: 'v1', weight: 90 })
   */
  public static to(host: string, options: DestinationOptions = {}): Destination {
    const problems = new _Problems('Destination.to');
    const problem = _hostProblem(host, { allowStar: false, allowWildcard: true });
    if (problem) problems.add('host', problem, host, 'Give the name of a Service or ServiceEntry host, such as `reviews` or `reviews.bookinfo.svc.cluster.local`.');
    Destination.check(problems, options);
    problems.throwIfAny();
    return new Destination(ServiceHost.name(host), options);
  }

  /**
   * A destination that is a cdk8s-plus Service: its name in the same namespace, its FQDN from
   * another.
   */
  public static toService(service: kplus.Service, options: DestinationOptions = {}): Destination {
    const problems = new _Problems('Destination.toService');
    Destination.check(problems, options);
    problems.throwIfAny();
    return new Destination(ServiceHost.fromService(service), options);
  }

  private static check(problems: _Problems, options: DestinationOptions): void {
    _checkOptionalPort(problems, 'port', options.port);
    if (options.weight !== undefined) {
      problems.check(Number.isInteger(options.weight) && options.weight >= 0, 'weight', 'must be a whole number of at least 0', options.weight,
        'Use 0 or more; weights are proportions of the route\'s traffic.');
    }
    if (options.subset !== undefined) {
      problems.check(options.subset.length > 0, 'subset', 'must not be empty', options.subset, 'Give the name of a DestinationRule subset, or leave it out.');
    }
  }

  /** The host traffic goes to. */
  public readonly host: ServiceHost;
  /** The subset of the host. */
  public readonly subset?: string;
  /** The port on the host. */
  public readonly port?: number;
  /** The relative weight of this destination. */
  public readonly weight?: number;
  /** Header manipulations for this destination. */
  public readonly headers?: HeadersPolicy;

  private constructor(host: ServiceHost, options: DestinationOptions) {
    this.host = host;
    this.subset = options.subset;
    this.port = options.port;
    this.weight = options.weight;
    this.headers = options.headers;
  }

  /**
   * A copy of this destination with another weight.
   */
  public withWeight(weight: number): Destination {
    const problems = new _Problems('Destination.withWeight');
    Destination.check(problems, { weight });
    problems.throwIfAny();
    return new Destination(this.host, { subset: this.subset, port: this.port, headers: this.headers, weight });
  }

  /** The `destination` object: host, subset, port. @internal */
  public _destinationToIstio(namespace: string | undefined): k8s.VirtualServiceSpecHttpRouteDestination {
    return {
      host: this.host._render(namespace),
      ...(this.subset !== undefined ? { subset: this.subset } : {}),
      ...(this.port !== undefined ? { port: { number: this.port } } : {}),
    };
  }

  /** The route entry: destination, weight, headers. @internal */
  public _routeToIstio(namespace: string | undefined): k8s.VirtualServiceSpecHttpRoute {
    return {
      destination: this._destinationToIstio(namespace),
      ...(this.weight !== undefined ? { weight: this.weight } : {}),
      ...(this.headers ? { headers: _headersToIstio(this.headers) } : {}),
    };
  }
}
