import { StringMatch } from './string-match';
import { _compact } from '../core/_compact';
import { _Problems, _requireProps } from '../core/_errors';
import { _checkOptionalPort } from '../core/_port';

/**
 * Conditions an HTTP request must meet for a route to apply. All the conditions given must hold.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
 */
export interface HttpMatchOptions {
  /**
   * A name for the match, added to the route's name in access logs.
   *
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * The request path. Prefer `HttpMatch.prefix()`, `exact()` or `regex()` to setting it here.
   *
   * @default - any path
   */
  readonly uri?: StringMatch;

  /**
   * Match the path regardless of case (for exact and prefix matches).
   *
   * @default false
   */
  readonly ignoreUriCase?: boolean;

  /**
   * The URI scheme (`http`, `https`).
   *
   * @default - any scheme
   */
  readonly scheme?: StringMatch;

  /**
   * The HTTP method, such as `StringMatch.exact(HttpMethod.GET)`.
   *
   * @default - any method
   */
  readonly method?: StringMatch;

  /**
   * The authority (`Host` header).
   *
   * @default - any authority
   */
  readonly authority?: StringMatch;

  /**
   * Headers the request must carry, by lower-case name.
   *
   * @default - no header condition
   */
  readonly headers?: { [name: string]: StringMatch };

  /**
   * Headers the request must not carry (or not with a matching value), by lower-case name.
   *
   * @default - no header exclusion
   */
  readonly withoutHeaders?: { [name: string]: StringMatch };

  /**
   * Query parameters the request must carry.
   *
   * @default - no query parameter condition
   */
  readonly queryParams?: { [name: string]: StringMatch };

  /**
   * The port the request arrives on, for hosts that expose several ports.
   *
   * @default - any port
   */
  readonly port?: number;

  /**
   * Labels the calling workload must carry (sidecar-to-sidecar traffic only).
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
   * The gateways (`namespace/name`, or `mesh` for sidecars) the match applies to; overrides the
   * VirtualService's `gateways` for this match.
   *
   * @default - the VirtualService's gateways
   */
  readonly gateways?: string[];
}

/**
 * One way an HTTP route can match a request. A route with several matches applies when any of
 * them matches.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
 */
export class HttpMatch {
  /**
   * Requests whose path starts with `path`, plus any other condition given.
   *
   * @example HttpMatch.prefix('/api')
   */
  public static prefix(path: string, options: HttpMatchOptions = {}): HttpMatch {
    return HttpMatch.withUri('HttpMatch.prefix', StringMatch.prefix(path), options);
  }

  /** Requests whose path is exactly `path`, plus any other condition given. */
  public static exact(path: string, options: HttpMatchOptions = {}): HttpMatch {
    return HttpMatch.withUri('HttpMatch.exact', StringMatch.exact(path), options);
  }

  /** Requests whose path matches the RE2 expression, plus any other condition given. */
  public static regex(path: string, options: HttpMatchOptions = {}): HttpMatch {
    return HttpMatch.withUri('HttpMatch.regex', StringMatch.regex(path), options);
  }

  /** Requests carrying the header with a matching value, plus any other condition given. */
  public static header(headerName: string, value: StringMatch, options: HttpMatchOptions = {}): HttpMatch {
    return HttpMatch.of({ ...options, headers: { ...options.headers, [headerName]: value } });
  }

  /** Requests meeting all the conditions given. */
  public static of(options: HttpMatchOptions): HttpMatch {
    _requireProps('HttpMatch.of', options, {}, 'options', 'Pass the conditions, such as { uri: StringMatch.prefix(\'/api\') }.');
    const problems = new _Problems('HttpMatch.of');
    _checkOptionalPort(problems, 'port', options.port);
    for (const prop of ['headers', 'withoutHeaders', 'queryParams'] as const) {
      for (const name of Object.keys(options[prop] ?? {})) {
        problems.check(name.length > 0, prop, 'must not have an empty name', name, 'Give the header or parameter name.');
      }
    }
    problems.throwIfAny();
    return new HttpMatch(options);
  }

  private static withUri(factory: string, uri: StringMatch, options: HttpMatchOptions): HttpMatch {
    const problems = new _Problems(factory);
    problems.check(options.uri === undefined, 'options.uri', 'must not be set: the path is the first argument', options.uri?._toIstio(),
      'Leave options.uri out, or use HttpMatch.of().');
    problems.throwIfAny();
    return HttpMatch.of({ ...options, uri });
  }

  private constructor(private readonly options: HttpMatchOptions) {}

  /**
   * The conditions of the match, as given (a copy).
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
   */
  public get conditions(): HttpMatchOptions {
    return { ...this.options };
  }

  /** @internal */
  public _toIstio(): any {
    const o = this.options;
    const map = (m?: { [name: string]: StringMatch }) => m === undefined ? undefined
      : Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v._toIstio()]));
    const out = {
      name: o.name,
      uri: o.uri?._toIstio(),
      scheme: o.scheme?._toIstio(),
      method: o.method?._toIstio(),
      authority: o.authority?._toIstio(),
      headers: map(o.headers),
      withoutHeaders: map(o.withoutHeaders),
      queryParams: map(o.queryParams),
      ignoreUriCase: o.ignoreUriCase,
      port: o.port,
      sourceLabels: o.sourceLabels ? { ...o.sourceLabels } : undefined,
      sourceNamespace: o.sourceNamespace,
      gateways: o.gateways ? [...o.gateways] : undefined,
    };
    return _compact(out);
  }
}
