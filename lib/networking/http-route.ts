import { Duration } from 'cdk8s';
import { _checkRegex, _checkWeights, _replaceEach } from './_validation';
import { Destination } from './destination';
import { Fault } from './fault';
import { HeadersPolicy, _headersToIstio } from './headers';
import { HttpMatch } from './http-match';
import { RetryPolicy } from './retry';
import { StringMatch } from './string-match';
import type * as k8s from '../../imports/networking.istio.io';
import { _compact, _snapshot } from '../core/_compact';
import { _renderDuration } from '../core/_duration';
import { _Problems } from '../core/_errors';
import { _checkCount, _checkPercentage } from '../core/_numbers';
import { _checkOptionalPort } from '../core/_port';
import { _checkOwnerNotSynthesized } from '../core/_synth';
import { HttpMethod } from '../core/http-method';

/**
 * Which port a redirect keeps.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRedirect-RedirectPortSelection
 */
export enum RedirectPortDerivation {
  /** Port 80 for http, 443 for https. */
  FROM_PROTOCOL_DEFAULT = 'FROM_PROTOCOL_DEFAULT',
  /** The port the request arrived on. */
  FROM_REQUEST_PORT = 'FROM_REQUEST_PORT',
}

/**
 * A redirect sent back instead of forwarding the request. Parts left out keep the request's.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRedirect
 */
export interface HttpRedirect {
  /**
   * The path of the redirect.
   *
   * @default - the request's path
   */
  readonly uri?: string;

  /**
   * The authority (host) of the redirect.
   *
   * @default - the request's authority
   */
  readonly authority?: string;

  /**
   * The port of the redirect.
   *
   * @default - the request's port
   */
  readonly port?: number;

  /**
   * Derive the port instead of giving it. Exclusive with `port`.
   *
   * @default - the request's port
   */
  readonly derivePort?: RedirectPortDerivation;

  /**
   * The scheme of the redirect (`https`).
   *
   * @default - the request's scheme
   */
  readonly scheme?: string;

  /**
   * The HTTP status of the redirect.
   *
   * @default 301
   */
  readonly redirectCode?: number;
}

/**
 * Rewrites applied to the request before forwarding it.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRewrite
 */
export interface HttpRewrite {
  /**
   * Replaces the matched part of the path (the prefix for a prefix match, the whole path
   * otherwise). Exclusive with `uriRegexRewrite`.
   *
   * @default - the path is kept
   */
  readonly uri?: string;

  /**
   * Replaces the authority (`Host` header).
   *
   * @default - the authority is kept
   */
  readonly authority?: string;

  /**
   * Rewrites the path with an RE2 regular expression and a substitution (`\1` for groups).
   *
   * @default - no regex rewrite
   */
  readonly uriRegexRewrite?: RegexRewrite;
}

/**
 * A path rewrite by regular expression.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#RegexRewrite
 */
export interface RegexRewrite {
  /** The RE2 expression to match. */
  readonly match: string;
  /** The substitution, with `\1` ... for the groups captured. */
  readonly rewrite: string;
}

/**
 * A fixed response sent back instead of forwarding the request.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPDirectResponse
 */
export interface DirectResponse {
  /** The HTTP status of the response. */
  readonly status: number;

  /**
   * The body of the response, as a string.
   *
   * @default - an empty body
   */
  readonly body?: string;
}

/**
 * Hands the routing of matching requests to another VirtualService.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Delegate
 */
export interface RouteDelegate {
  /** The name of the delegate VirtualService. */
  readonly name: string;

  /**
   * The namespace of the delegate VirtualService.
   *
   * @default - the namespace of this VirtualService
   */
  readonly namespace?: string;
}

/**
 * One mirror among several: a copy of the traffic sent to a destination, responses ignored.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMirrorPolicy
 */
export interface MirrorPolicy {
  /** Where copies go (weight and headers do not apply). */
  readonly destination: Destination;

  /**
   * The share of traffic mirrored, 0 to 100.
   *
   * @default - all of it
   */
  readonly percentage?: number;
}

/**
 * What should happen to a CORS preflight that does not match the policy.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy-UnmatchedPreflights
 */
export enum UnmatchedPreflights {
  /** Forward it to the upstream. */
  FORWARD = 'FORWARD',
  /** Answer it without the CORS headers. */
  IGNORE = 'IGNORE',
}

/**
 * The Cross-Origin Resource Sharing policy of a route.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy
 */
export interface CorsPolicy {
  /**
   * The origins allowed.
   *
   * @default - no cross-origin request is allowed
   */
  readonly allowOrigins?: StringMatch[];

  /**
   * The methods allowed (`Access-Control-Allow-Methods`).
   *
   * @default - the browser's defaults
   */
  readonly allowMethods?: HttpMethod[];

  /**
   * The headers allowed (`Access-Control-Allow-Headers`).
   *
   * @default - the browser's defaults
   */
  readonly allowHeaders?: string[];

  /**
   * The headers browsers may read (`Access-Control-Expose-Headers`).
   *
   * @default - the browser's defaults
   */
  readonly exposeHeaders?: string[];

  /**
   * How long browsers may cache a preflight's result (`Access-Control-Max-Age`).
   *
   * @default - the browser's default
   */
  readonly maxAge?: Duration;

  /**
   * Whether credentials may be sent (`Access-Control-Allow-Credentials`).
   *
   * @default false
   */
  readonly allowCredentials?: boolean;

  /**
   * What to do with preflights that do not match.
   *
   * @default - Istio's own default: FORWARD
   */
  readonly unmatchedPreflights?: UnmatchedPreflights;
}

/**
 * An HTTP route: conditions, then where matching traffic goes and what happens to it on the way.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
 */
export interface HttpRouteOptions {
  /**
   * A name for the route, shown in access logs and proxy configuration dumps.
   *
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * The conditions; the route applies when any of them matches.
   *
   * @default - every request
   */
  readonly match?: HttpMatch[];

  /**
   * Where traffic goes, with weights relative to each other. Exclusive with `redirect`,
   * `directResponse` and `delegate`.
   *
   * @default - no destination: give one here, with `addDestination()`, or use redirect, directResponse or delegate
   */
  readonly route?: Destination[];

  /**
   * Answer with a redirect instead of forwarding.
   *
   * @default - no redirect
   */
  readonly redirect?: HttpRedirect;

  /**
   * Answer with a fixed response instead of forwarding.
   *
   * @default - no direct response
   */
  readonly directResponse?: DirectResponse;

  /**
   * Hand matching requests to another VirtualService.
   *
   * @default - no delegation
   */
  readonly delegate?: RouteDelegate;

  /**
   * Rewrite the path or authority before forwarding.
   *
   * @default - no rewrite
   */
  readonly rewrite?: HttpRewrite;

  /**
   * The timeout of the request.
   *
   * @default - Istio's own default: no timeout
   */
  readonly timeout?: Duration;

  /**
   * How failed requests are retried.
   *
   * @default - Istio's own default: 2 attempts on connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes
   */
  readonly retries?: RetryPolicy;

  /**
   * Faults to inject.
   *
   * @default - none
   */
  readonly fault?: Fault;

  /**
   * Mirror traffic to another destination, responses ignored.
   *
   * @default - no mirroring
   */
  readonly mirror?: Destination;

  /**
   * The share of traffic `mirror` receives, 0 to 100.
   *
   * @default - all of it
   */
  readonly mirrorPercentage?: number;

  /**
   * Mirror traffic to several destinations. Exclusive with `mirror`.
   *
   * @default - no mirroring
   */
  readonly mirrors?: MirrorPolicy[];

  /**
   * The CORS policy.
   *
   * @default - no CORS handling
   */
  readonly corsPolicy?: CorsPolicy;

  /**
   * Header manipulations for every destination of the route.
   *
   * @default - none
   */
  readonly headers?: HeadersPolicy;
}

/**
 * An HTTP route of a VirtualService, made by `VirtualService.addHttpRoute()`. Destinations and
 * matches can be added after it was made.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
 */
export class HttpRoute {
  /** @internal */
  public static _create(subject: string, prop: string, options: HttpRouteOptions): HttpRoute {
    return new HttpRoute(subject, prop, options);
  }

  private readonly destinationList: Destination[];
  private readonly matches: HttpMatch[];
  private options: HttpRouteOptions;

  private constructor(private readonly subject: string, private readonly prop: string, options: HttpRouteOptions) {
    const problems = new _Problems(subject);
    const p = (field: string) => `${prop}.${field}`;
    const route = options.route ?? [];
    const ways = (['redirect', 'directResponse', 'delegate'] as const).filter((w) => options[w] !== undefined);
    if (route.length > 0 && ways.length > 0) {
      problems.add(p(ways[0]), 'must not be set together with \'route\'', options[ways[0]],
        `A route either forwards to destinations or answers with ${ways[0]}: remove one of them.`);
    }
    if (ways.length > 1) {
      problems.add(p(ways[1]), `must not be set together with '${ways[0]}'`, options[ways[1]], `Keep only one of ${ways.join(', ')}.`);
    }
    const r = options.redirect;
    if (r) {
      _checkOptionalPort(problems, p('redirect.port'), r.port);
      if (r.port !== undefined && r.derivePort !== undefined) {
        problems.add(p('redirect.derivePort'), 'must not be set together with \'redirect.port\'', r.derivePort, 'Give a port or derive it, not both.');
      }
      if (r.redirectCode !== undefined) {
        problems.check(Number.isInteger(r.redirectCode) && r.redirectCode >= 300 && r.redirectCode <= 399, p('redirect.redirectCode'),
          'must be a redirect status from 300 to 399', r.redirectCode, 'Use 301, 302, 303, 307 or 308.');
      }
    }
    const d = options.directResponse;
    if (d) {
      problems.check(Number.isInteger(d.status) && d.status >= 200 && d.status <= 599, p('directResponse.status'),
        'must be an HTTP status from 200 to 599', d.status, 'Use a status such as 200 or 404.');
    }
    if (options.delegate) {
      problems.check(!!options.delegate.name, p('delegate.name'), 'must not be empty', options.delegate.name, 'Give the name of the delegate VirtualService.');
    }
    const w = options.rewrite;
    if (w) {
      if (w.uri !== undefined && w.uriRegexRewrite !== undefined) {
        problems.add(p('rewrite.uriRegexRewrite'), 'must not be set together with \'rewrite.uri\'', w.uriRegexRewrite, 'Rewrite the path one way: uri or uriRegexRewrite.');
      }
      if (w.uriRegexRewrite) _checkRegex(problems, p('rewrite.uriRegexRewrite.match'), w.uriRegexRewrite.match);
    }
    if (options.retries) _checkCount(problems, p('retries.attempts'), options.retries.attempts);
    _checkPercentage(problems, p('mirrorPercentage'), options.mirrorPercentage);
    if (options.mirrorPercentage !== undefined && !options.mirror) {
      problems.add(p('mirrorPercentage'), 'needs \'mirror\'', options.mirrorPercentage, 'Set mirror, or give the percentage in mirrors[].percentage.');
    }
    if (options.mirror && options.mirrors) {
      problems.add(p('mirrors'), 'must not be set together with \'mirror\'', options.mirrors.length, 'Put every mirror in mirrors.');
    }
    const mirrors = [...(options.mirror ? [['mirror', options.mirror] as const] : []),
      ...(options.mirrors ?? []).map((m, i) => [`mirrors[${i}].destination`, m.destination] as const)];
    for (const [field, dest] of mirrors) {
      if (dest.weight !== undefined || dest.headers !== undefined) {
        problems.add(p(field), 'must not carry a weight or headers', { weight: dest.weight, headers: dest.headers }, 'Give a mirror only a host, subset and port.');
      }
    }
    (options.mirrors ?? []).forEach((m, i) => _checkPercentage(problems, p(`mirrors[${i}].percentage`), m.percentage));
    problems.throwIfAny();

    // A duration Istio would reject throws at once, as it did before the route existed.
    for (const [field, value] of durations(options)) this.duration(value, field);

    this.options = _snapshot(options);
    this.destinationList = [...route];
    this.matches = [...(options.match ?? [])];
  }

  private duration(value: Duration | undefined, field: string): string | undefined {
    return value === undefined ? undefined : _renderDuration(value, this.subject, `${this.prop}.${field}`);
  }

  /** The route's name, if it has one. */
  public get name(): string | undefined {
    return this.options.name;
  }

  /**
   * The route's destinations as they stand now (a copy): hosts, subsets, ports and weights.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
   */
  public get destinations(): Destination[] {
    return [...this.destinationList];
  }

  /**
   * Adds a destination to the route.
   *
   * Fails at once when the route answers with a redirect, direct response or delegate.
   */
  public addDestination(destination: Destination): HttpRoute {
    _checkOwnerNotSynthesized(this, this.subject, this.prop, 'addDestination');
    const problems = new _Problems(this.subject);
    for (const way of ['redirect', 'directResponse', 'delegate'] as const) {
      if (this.options[way] !== undefined) {
        problems.add(`${this.prop}.route`, `must stay empty: the route answers with '${way}'`, destination._routeToIstio(undefined),
          `A route either forwards to destinations or answers with ${way}: add another route instead.`);
      }
    }
    problems.throwIfAny();
    this.destinationList.push(destination);
    return this;
  }

  /**
   * Replaces the route's destinations with these, so traffic can be shifted after the route was
   * made (a canary's next step). Fails at once, leaving the route as it was, when the route
   * answers with a redirect, direct response or delegate.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination
   */
  public replaceDestinations(...destinations: Destination[]): HttpRoute {
    _checkOwnerNotSynthesized(this, this.subject, this.prop, 'replaceDestinations');
    _replaceEach(this.destinationList, destinations, (d) => this.addDestination(d));
    return this;
  }

  /**
   * Mirrors a share of the route's requests to a destination, responses ignored: sets the route's
   * `mirror` and `mirrorPercentage`.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  public mirrorTo(destination: Destination, percentage?: number): HttpRoute {
    _checkOwnerNotSynthesized(this, this.subject, this.prop, 'mirrorTo');
    const problems = new _Problems(this.subject);
    _checkPercentage(problems, `${this.prop}.mirrorPercentage`, percentage);
    problems.check(this.options.mirrors === undefined, `${this.prop}.mirror`, 'must not be set together with \'mirrors\'', this.options.mirrors?.length,
      'Put every mirror in mirrors.');
    problems.check(destination?.weight === undefined && destination?.headers === undefined, `${this.prop}.mirror`, 'must not carry a weight or headers',
      { weight: destination?.weight, headers: destination?.headers }, 'Give a mirror only a host, subset and port.');
    problems.throwIfAny();
    this.options = { ...this.options, mirror: destination, mirrorPercentage: percentage };
    return this;
  }

  /** Adds a match: the route then also applies to requests that meet it. */
  public addMatch(match: HttpMatch): HttpRoute {
    _checkOwnerNotSynthesized(this, this.subject, this.prop, 'addMatch');
    this.matches.push(match);
    return this;
  }

  /** Problems known only once every destination was added. @internal */
  public _validate(problems: _Problems): void {
    const forwards = !this.options.redirect && !this.options.directResponse && !this.options.delegate;
    if (forwards && this.destinationList.length === 0) {
      problems.add(`${this.prop}.route`, 'must not be empty', [],
        'Add a destination with route: [...] or addDestination(), or answer with redirect, directResponse or delegate.');
    }
    _checkWeights(problems, `${this.prop}.route`, this.destinationList);
  }

  /** @internal */
  public _toIstio(namespace: string | undefined): k8s.VirtualServiceSpecHttp {
    const o = this.options;
    const cors = o.corsPolicy;
    return _compact({
      name: o.name,
      match: this.matches.length > 0 ? this.matches.map((m) => m._toIstio()) : undefined,
      route: this.destinationList.length > 0 ? this.destinationList.map((d) => d._routeToIstio(namespace)) : undefined,
      redirect: o.redirect ? _compact({
        ...o.redirect,
        derivePort: o.redirect.derivePort as string | undefined as k8s.VirtualServiceSpecHttpRedirectDerivePort | undefined,
      }) : undefined,
      directResponse: o.directResponse ? _compact({
        status: o.directResponse.status,
        body: o.directResponse.body !== undefined ? { string: o.directResponse.body } : undefined,
      }) : undefined,
      delegate: o.delegate ? _compact({ name: o.delegate.name, namespace: o.delegate.namespace }) : undefined,
      rewrite: o.rewrite ? _compact({
        uri: o.rewrite.uri,
        authority: o.rewrite.authority,
        uriRegexRewrite: o.rewrite.uriRegexRewrite
          ? { match: o.rewrite.uriRegexRewrite.match, rewrite: o.rewrite.uriRegexRewrite.rewrite }
          : undefined,
      }) : undefined,
      timeout: this.duration(o.timeout, 'timeout'),
      retries: o.retries ? _compact({
        attempts: o.retries.attempts,
        perTryTimeout: this.duration(o.retries.perTryTimeout, 'retries.perTryTimeout'),
        retryOn: o.retries.retryOn?.value,
        retryRemoteLocalities: o.retries.retryRemoteLocalities,
        retryIgnorePreviousHosts: o.retries.retryIgnorePreviousHosts,
        backoff: this.duration(o.retries.backoff, 'retries.backoff'),
      }) : undefined,
      fault: o.fault?._toIstio(),
      mirror: o.mirror?._destinationToIstio(namespace),
      mirrorPercentage: o.mirrorPercentage !== undefined ? { value: o.mirrorPercentage } : undefined,
      mirrors: o.mirrors?.map((m) => _compact({
        destination: m.destination._destinationToIstio(namespace),
        percentage: m.percentage !== undefined ? { value: m.percentage } : undefined,
      })),
      corsPolicy: cors ? _compact({
        allowOrigins: cors.allowOrigins?.map((s) => s._toIstio()),
        allowMethods: cors.allowMethods ? [...cors.allowMethods] : undefined,
        allowHeaders: cors.allowHeaders ? [...cors.allowHeaders] : undefined,
        exposeHeaders: cors.exposeHeaders ? [...cors.exposeHeaders] : undefined,
        maxAge: this.duration(cors.maxAge, 'corsPolicy.maxAge'),
        allowCredentials: cors.allowCredentials,
        unmatchedPreflights: cors.unmatchedPreflights as string | undefined as k8s.VirtualServiceSpecHttpCorsPolicyUnmatchedPreflights | undefined,
      }) : undefined,
      headers: o.headers ? _headersToIstio(o.headers) : undefined,
    });
  }
}

/** The durations of a route's options, with the field each sits in, in the order they are checked. */
function durations(o: HttpRouteOptions): Array<[string, Duration | undefined]> {
  return [['timeout', o.timeout], ['retries.perTryTimeout', o.retries?.perTryTimeout], ['retries.backoff', o.retries?.backoff],
    ['corsPolicy.maxAge', o.corsPolicy?.maxAge]];
}
