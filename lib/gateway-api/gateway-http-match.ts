import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _fail, _Problems, _requireProps } from '../core/_errors';
import { _gatewayApiL1 } from '../core/_l1';
import { _re2Problem, _RE2_FIX } from '../core/_re2';
import { HttpMethod } from '../core/http-method';

/**
 * How an HTTPRoute match compares the request path.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httppathmatch
 */
export class GatewayPathMatch {
  /** The path equals the value. */
  public static exact(value: string): GatewayPathMatch {
    return GatewayPathMatch.create(_gatewayApiL1().HttpRouteSpecRulesMatchesPathType.EXACT, value, 'exact');
  }

  /** The path starts with the value, element by element (`/api` matches `/api/x`, not `/apix`). */
  public static prefix(value: string): GatewayPathMatch {
    return GatewayPathMatch.create(_gatewayApiL1().HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value, 'prefix');
  }

  /** The path matches the regular expression (Istio: RE2). */
  public static regex(value: string): GatewayPathMatch {
    if (!value) _fail('GatewayPathMatch.regex', 'value', 'must not be empty', value, 'Give a regular expression such as \'/api/v[0-9]+/.*\'.');
    const problem = _re2Problem(value);
    if (problem) _fail('GatewayPathMatch.regex', 'value', `must be an RE2 regular expression (Istio programs Envoy's RE2 with it): it ${problem}`, value, _RE2_FIX);
    return new GatewayPathMatch(_gatewayApiL1().HttpRouteSpecRulesMatchesPathType.REGULAR_EXPRESSION, value);
  }

  private static create(type: k8s.HttpRouteSpecRulesMatchesPathType, value: string, factory: string): GatewayPathMatch {
    if (typeof value !== 'string' || !value.startsWith('/') || value.length > 1024 || /\/\/|\/\.\.?(\/|$)|%2f|%2F|#/.test(value)) {
      _fail(`GatewayPathMatch.${factory}`, 'value', 'must be an absolute path starting with \'/\', without \'//\', \'/./\', \'/../\', \'%2f\' or \'#\'', value,
        'Give a path such as \'/productpage\'.');
    }
    return new GatewayPathMatch(type, value);
  }

  private constructor(private readonly type: k8s.HttpRouteSpecRulesMatchesPathType, private readonly value: string) {}

  /** @internal */
  public _toKube(): k8s.HttpRouteSpecRulesMatchesPath {
    return { type: this.type, value: this.value };
  }
}

/**
 * A header (or query parameter) an HTTPRoute match requires.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpheadermatch
 */
export interface GatewayHeaderMatch {
  /** The header's name (case-insensitive). */
  readonly name: string;

  /** The value to compare with. */
  readonly value: string;

  /**
   * Compare as a regular expression instead of exactly.
   *
   * @default false
   */
  readonly regex?: boolean;
}

/** The conditions of one HTTPRoute match; all must hold. */
export interface GatewayHttpMatchOptions {
  /**
   * The request path.
   *
   * @default - the Gateway API's default: every path (prefix `/`)
   */
  readonly path?: GatewayPathMatch;

  /**
   * Headers the request must carry.
   *
   * @default - any headers
   */
  readonly headers?: GatewayHeaderMatch[];

  /**
   * Query parameters the request must carry.
   *
   * @default - any query parameters
   */
  readonly queryParams?: GatewayHeaderMatch[];

  /**
   * The HTTP method.
   *
   * @default - any method
   */
  readonly method?: HttpMethod;
}

/**
 * One match of an HTTPRoute rule (`matches[]`); a rule applies when any of its matches holds.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutematch
 */
export class GatewayHttpMatch {
  /** Requests whose path equals the value. */
  public static exactPath(value: string): GatewayHttpMatch {
    return new GatewayHttpMatch({ path: GatewayPathMatch.exact(value) });
  }

  /** Requests whose path starts with the value. */
  public static pathPrefix(value: string): GatewayHttpMatch {
    return new GatewayHttpMatch({ path: GatewayPathMatch.prefix(value) });
  }

  /** Requests with a header of this exact value. */
  public static header(name: string, value: string): GatewayHttpMatch {
    return GatewayHttpMatch.of({ headers: [{ name, value }] });
  }

  /** Requests meeting every condition given. */
  public static of(options: GatewayHttpMatchOptions): GatewayHttpMatch {
    _requireProps('GatewayHttpMatch.of', options, {}, 'options', 'Pass the conditions, such as { path: GatewayPathMatch.prefix(\'/api\') }.');
    const problems = new _Problems('GatewayHttpMatch.of');
    for (const [prop, list] of [['headers', options.headers ?? []], ['queryParams', options.queryParams ?? []]] as const) {
      list.forEach((h, i) => problems.check(/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(h.name ?? '') && h.name.length <= 256, `${prop}[${i}].name`,
        'must be an HTTP header or parameter name', h.name, 'Use a name such as \'x-canary\'.'));
      list.forEach((h, i) => {
        const problem = h.regex ? _re2Problem(h.value) : undefined;
        if (problem) problems.add(`${prop}[${i}].value`, `must be an RE2 regular expression (Istio programs Envoy's RE2 with it): it ${problem}`, h.value, _RE2_FIX);
      });
      const names = list.map((h) => h.name.toLowerCase());
      problems.check(new Set(names).size === names.length, prop, 'must not name the same header or parameter twice', names, 'Give each name once.');
    }
    problems.throwIfAny();
    return new GatewayHttpMatch(options);
  }

  private constructor(private readonly options: GatewayHttpMatchOptions) {}

  /** @internal */
  public _toKube(): k8s.HttpRouteSpecRulesMatches {
    const regex = _gatewayApiL1().HttpRouteSpecRulesMatchesHeadersType.REGULAR_EXPRESSION;
    const header = (h: GatewayHeaderMatch): k8s.HttpRouteSpecRulesMatchesHeaders =>
      ({ ...(h.regex ? { type: regex } : {}), name: h.name, value: h.value });
    const o = this.options;
    return {
      ...(o.path ? { path: o.path._toKube() } : {}),
      ...(o.headers && o.headers.length > 0 ? { headers: o.headers.map(header) } : {}),
      ...(o.queryParams && o.queryParams.length > 0 ? { queryParams: o.queryParams.map(header) as k8s.HttpRouteSpecRulesMatchesQueryParams[] } : {}),
      ...(o.method ? { method: o.method as string as k8s.HttpRouteSpecRulesMatchesMethod } : {}),
    };
  }
}

