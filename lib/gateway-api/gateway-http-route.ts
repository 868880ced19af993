import { Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _renderGatewayDuration } from './_duration';
import { KubernetesGateway } from './kubernetes-gateway';
import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _compact } from '../core/_compact';
import { _constructSubject, _fail, _Problems, _requireArg, _requireProps } from '../core/_errors';
import { _isGatewayApiHostname } from '../core/_host';
import { _gatewayApiL1 } from '../core/_l1';
import { _checkPercentage } from '../core/_numbers';
import { _checkPort } from '../core/_port';
import { _re2Problem, _RE2_FIX } from '../core/_re2';
import { _checkNotSynthesized } from '../core/_synth';
import { HttpMethod } from '../core/http-method';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { PolicyTargetRef } from '../core/selector';

/** Options of a ParentRef. */
export interface ParentRefOptions {
  /**
   * The port of the parent: the Service port (for mesh routes) or the Gateway listener's port.
   *
   * @default - every port of the parent
   */
  readonly port?: number;

  /**
   * The listener of a Gateway (its name), or the port name of a Service, the route attaches to.
   *
   * @default - every listener or port
   */
  readonly sectionName?: string;

  /**
   * The namespace of the parent.
   *
   * @default - the route's own namespace
   */
  readonly namespace?: string;
}

/**
 * What an HTTPRoute attaches to (`parentRefs`): a Gateway, for ingress traffic, or a Service, for
 * mesh traffic to that Service (GAMMA).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#parentreference
 * @see https://istio.io/latest/docs/tasks/traffic-management/request-routing/
 */
export class ParentRef {
  /** A Gateway API Gateway, by name; rendered as `name` only (the Gateway API's default group and kind). */
  public static gateway(name: string, options: ParentRefOptions = {}): ParentRef {
    return new ParentRef('ParentRef.gateway', undefined, undefined, name, options);
  }

  /** A Gateway construct of this library. */
  public static fromGateway(gateway: KubernetesGateway, options: ParentRefOptions = {}): ParentRef {
    return ParentRef.gateway(gateway.name, options);
  }

  /**
   * A Service, by name (`group: ""`, `kind: Service`): the route applies to mesh traffic sent to the
   * Service.
   *
   * @see https://gateway-api.sigs.k8s.io/mesh/
   */
  public static service(name: string, options: ParentRefOptions = {}): ParentRef {
    return new ParentRef('ParentRef.service', '', 'Service', name, options);
  }

  /** A cdk8s-plus Service. */
  public static fromService(service: kplus.Service, options: ParentRefOptions = {}): ParentRef {
    return ParentRef.service(service.name, options);
  }

  private constructor(
    factory: string,
    private readonly group: string | undefined,
    /**
     * The kind of the parent: `Service`, or undefined for a Gateway.
     *
     * @see https://gateway-api.sigs.k8s.io/reference/spec/#parentreference
     */
    public readonly kind: string | undefined,
    /**
     * The name of the parent.
     *
     * @see https://gateway-api.sigs.k8s.io/reference/spec/#parentreference
     */
    public readonly name: string,
    private readonly options: ParentRefOptions,
  ) {
    const problems = new _Problems(factory);
    problems.check(typeof name === 'string' && name.length > 0 && name.length <= 253, 'name', 'must not be empty', name, 'Give the parent\'s name.');
    if (options.port !== undefined) {
      _checkPort(problems, 'options.port', options.port, 'Give the Service port or listener port.');
    }
    problems.throwIfAny();
  }

  /** @internal */
  public _toKube(): k8s.HttpRouteSpecParentRefs {
    return {
      ...(this.group !== undefined ? { group: this.group } : {}),
      ...(this.kind !== undefined ? { kind: this.kind } : {}),
      name: this.name,
      ...(this.options.namespace !== undefined ? { namespace: this.options.namespace } : {}),
      ...(this.options.sectionName !== undefined ? { sectionName: this.options.sectionName } : {}),
      ...(this.options.port !== undefined ? { port: this.options.port } : {}),
    };
  }
}

/** Options of a BackendRef. */
export interface BackendRefOptions {
  /**
   * The Service port to send to; the Gateway API requires it for a Service.
   */
  readonly port: number;

  /**
   * The backend's share of the rule's requests, relative to the other backends' weights
   * (0 to 1,000,000; 0 sends nothing).
   *
   * @default - the Gateway API's default: 1
   */
  readonly weight?: number;

  /**
   * The namespace of the Service (a ReferenceGrant must allow it).
   *
   * @default - the route's own namespace
   */
  readonly namespace?: string;
}

/**
 * Where a rule of an HTTPRoute sends requests (`backendRefs`): a Service and port, with a weight.
 * The Gateway API splits traffic between Services, so versions of an application are one Service
 * each (`reviews-v1`, `reviews-v2`).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpbackendref
 */
export class BackendRef {
  /** A Service, by name. */
  public static service(name: string, options: BackendRefOptions): BackendRef {
    const problems = new _Problems('BackendRef.service');
    problems.check(typeof name === 'string' && name.length > 0 && name.length <= 253, 'name', 'must not be empty', name, 'Give the Service\'s name.');
    _checkPort(problems, 'options.port', options?.port, 'Give the Service port, such as 9080: the Gateway API requires the port of a Service backend.');
    if (options?.weight !== undefined) {
      problems.check(Number.isInteger(options.weight) && options.weight >= 0 && options.weight <= 1_000_000, 'options.weight',
        'must be a whole number from 0 to 1000000', options.weight, 'Use a relative weight such as 90, or 0 to send nothing.');
    }
    problems.throwIfAny();
    return new BackendRef(name, options);
  }

  /** A cdk8s-plus Service. */
  public static fromService(service: kplus.Service, options: BackendRefOptions): BackendRef {
    return BackendRef.service(service.name, options);
  }

  private constructor(
    /**
     * The Service's name.
     *
     * @see https://gateway-api.sigs.k8s.io/reference/spec/#backendref
     */
    public readonly name: string,
    private readonly options: BackendRefOptions,
  ) {}

  /**
   * The backend's weight.
   *
   * @default - the Gateway API's default: 1
   */
  public get weight(): number | undefined {
    return this.options.weight;
  }

  /**
   * The Service port.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#backendref
   */
  public get port(): number {
    return this.options.port;
  }

  /** @internal */
  public _toKube(): k8s.HttpRouteSpecRulesBackendRefs {
    return {
      name: this.name,
      ...(this.options.namespace !== undefined ? { namespace: this.options.namespace } : {}),
      port: this.options.port,
      ...(this.options.weight !== undefined ? { weight: this.options.weight } : {}),
    };
  }
}

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
    const header = (h: GatewayHeaderMatch) => ({ ...(h.regex ? { type: 'RegularExpression' } : {}), name: h.name, value: h.value });
    const o = this.options;
    return {
      ...(o.path ? { path: o.path._toKube() } : {}),
      ...(o.headers && o.headers.length > 0 ? { headers: o.headers.map(header) as any } : {}),
      ...(o.queryParams && o.queryParams.length > 0 ? { queryParams: o.queryParams.map(header) as any } : {}),
      ...(o.method ? { method: o.method as string as k8s.HttpRouteSpecRulesMatchesMethod } : {}),
    };
  }
}

/**
 * Header changes of an HTTPRoute filter (`RequestHeaderModifier`, `ResponseHeaderModifier`).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpheaderfilter
 */
export interface GatewayHeaderModifier {
  /**
   * Headers to set, replacing any value.
   *
   * @default - none
   */
  readonly set?: { [name: string]: string };

  /**
   * Headers to add to any existing value.
   *
   * @default - none
   */
  readonly add?: { [name: string]: string };

  /**
   * Headers to remove.
   *
   * @default - none
   */
  readonly remove?: string[];
}

/**
 * Copies of requests sent to another backend, their responses discarded (`RequestMirror` filter).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprequestmirrorfilter
 */
export interface GatewayRequestMirror {
  /** The backend the copies go to. */
  readonly backend: BackendRef;

  /**
   * The percentage of requests copied, 0 to 100.
   *
   * @default - every request
   */
  readonly percent?: number;
}

/**
 * The scheme a `RequestRedirect` filter sends clients to. The member carries the wire value.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprequestredirectfilter
 */
export enum GatewayRedirectScheme {
  /** Plain HTTP. */
  HTTP = 'http',
  /** HTTPS: without a `port`, the redirect goes to 443. */
  HTTPS = 'https',
}

/**
 * A redirect answered by the gateway instead of forwarding the request (`RequestRedirect` filter);
 * the fields left out keep the request's own.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprequestredirectfilter
 */
export interface GatewayRequestRedirect {
  /**
   * The scheme of the `Location`.
   *
   * @default - the request's scheme
   */
  readonly scheme?: GatewayRedirectScheme;

  /**
   * The host name of the `Location`.
   *
   * @default - the request's host
   */
  readonly hostname?: string;

  /**
   * The port of the `Location`.
   *
   * @default - the well-known port of `scheme` when it is given (80, 443), else the listener's port
   */
  readonly port?: number;

  /**
   * The status code of the answer: 301, 302, 303, 307 or 308.
   *
   * @default 302
   */
  readonly statusCode?: number;
}

/**
 * Changes to the request before it is forwarded (`URLRewrite` filter).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpurlrewritefilter
 */
export interface GatewayUrlRewrite {
  /**
   * The host name (`Host` header) to send.
   *
   * @default - the request's host
   */
  readonly hostname?: string;

  /**
   * A path replacing the whole request path (`ReplaceFullPath`). Exclusive with `replacePrefixMatch`.
   *
   * @default - the path is kept
   */
  readonly replaceFullPath?: string;

  /**
   * A path replacing the prefix the rule matched (`ReplacePrefixMatch`); the rule must have one
   * match, a `PathPrefix`. Exclusive with `replaceFullPath`.
   *
   * @default - the path is kept
   */
  readonly replacePrefixMatch?: string;
}

/**
 * One rule of an HTTPRoute: the requests it matches, where they go, and the filters and timeouts
 * applied on the way.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
 */
export interface GatewayHttpRouteRule {
  /**
   * The requests the rule applies to: any of the matches.
   *
   * @default - every request
   */
  readonly matches?: GatewayHttpMatch[];

  /**
   * The backends, with their weights.
   *
   * @default - none: requests are answered by the filters only (or with a 500)
   */
  readonly backendRefs?: BackendRef[];

  /**
   * The time a client request may take from the gateway's receipt to the response
   * (`timeouts.request`).
   *
   * @default - the implementation's default: Istio sets none
   */
  readonly timeout?: Duration;

  /**
   * The time one request to a backend may take (`timeouts.backendRequest`), at most `timeout`.
   *
   * @default - the request timeout
   */
  readonly backendTimeout?: Duration;

  /**
   * Header changes on the request.
   *
   * @default - none
   */
  readonly requestHeaders?: GatewayHeaderModifier;

  /**
   * Header changes on the response.
   *
   * @default - none
   */
  readonly responseHeaders?: GatewayHeaderModifier;

  /**
   * Mirror requests to another backend.
   *
   * @default - no mirroring
   */
  readonly mirror?: GatewayRequestMirror;

  /**
   * Answer with a redirect instead of forwarding: a rule with a redirect has no `backendRefs`
   * and no `urlRewrite`.
   *
   * @default - no redirect
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprequestredirectfilter
   */
  readonly redirect?: GatewayRequestRedirect;

  /**
   * Rewrite the host name or path before forwarding.
   *
   * @default - no rewrite
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpurlrewritefilter
   */
  readonly urlRewrite?: GatewayUrlRewrite;

  /**
   * A name for the rule, unique in the route.
   *
   * @default - unnamed
   */
  readonly name?: string;
}

/** Props of a GatewayHttpRoute. */
export interface GatewayHttpRouteProps extends MeshResourceProps {
  /**
   * What the route attaches to: Gateways (ingress) or Services (mesh traffic).
   */
  readonly parentRefs: ParentRef[];

  /**
   * The host names the route serves (for a Gateway parent).
   *
   * @default - every host name the listeners accept
   */
  readonly hostnames?: string[];

  /**
   * The rules.
   *
   * @default - none; add with `addRule()`
   */
  readonly rules?: GatewayHttpRouteRule[];
}

/**
 * A Kubernetes Gateway API `HTTPRoute` (`gateway.networking.k8s.io/v1`): HTTP routing for a Gateway
 * (ingress) or, with a Service as its parent, for the mesh traffic to that Service (GAMMA), with
 * weighted backends, path and header matches, timeouts, header changes and mirroring. Named so as
 * not to clash with `HttpRoute`, the route of a VirtualService.
 *
 * Retries and fault injection are not in the Gateway API's standard channel (v1.5.1): use a
 * VirtualService for them.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/request-routing/
 * @example
 * new GatewayHttpRoute(chart, 'reviews', {
 *   parentRefs: [ParentRef.service('reviews', { port: 9080 })],
 *   rules: [{ backendRefs: [BackendRef.service('reviews-v1', { port: 9080, weight: 90 }), BackendRef.service('reviews-v2', { port: 9080, weight: 10 })] }],
 * });
 */
export class GatewayHttpRoute extends MeshResource {
  /** The L1 object this construct renders into. */
  public readonly apiObject: k8s.HttpRoute;

  private readonly subject: string;
  private readonly parentRefs: ParentRef[];
  private readonly hostnames: string[];
  private readonly rules: GatewayHttpRouteRule[] = [];

  public constructor(scope: Construct, id: string, props: GatewayHttpRouteProps) {
    super(scope, id);
    this.subject = _constructSubject('GatewayHttpRoute', scope, id);
    _requireProps(this.subject, props, { parentRefs: 'Attach the route to a Gateway (ParentRef.gateway) or a Service (ParentRef.service).' });
    const problems = new _Problems(this.subject);
    const parents = props.parentRefs ?? [];
    problems.check(parents.length > 0 && parents.length <= 32, 'parentRefs', 'must hold 1 to 32 parents', parents.length,
      'Attach the route to a Gateway (ParentRef.gateway) or a Service (ParentRef.service).');
    (props.hostnames ?? []).forEach((h, i) => problems.check(_isGatewayApiHostname(h), `hostnames[${i}]`,
      'must be a lower-case host name, optionally starting with \'*.\'', h, 'Use a host such as \'bookinfo.example.com\'.'));
    (props.rules ?? []).forEach((r, i) => this.checkRule(problems, `rules[${i}]`, r));
    problems.throwIfAny();
    this.parentRefs = [...parents];
    this.hostnames = [...(props.hostnames ?? [])];
    this.rules.push(...(props.rules ?? []));
    this.apiObject = new (_gatewayApiL1()).HttpRoute(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }) as any,
    });
    this.node.addValidation({
      validate: () => new _Problems(this.subject)
        .check(this.rules.length <= 16, 'rules', 'must hold at most 16 rules, as the Gateway API allows', this.rules.length,
          'Split the routing over several HTTPRoutes.')
        .messages(),
    });
  }

  /**
   * The number of rules.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
   */
  public get ruleCount(): number {
    return this.rules.length;
  }

  /**
   * A reference to this route's parent Service or Gateway for `targetRefs`, when it has exactly one.
   *
   * @see https://istio.io/latest/docs/reference/config/type/workload-selector/#PolicyTargetReference
   */
  public get parentTargetRef(): PolicyTargetRef | undefined {
    if (this.parentRefs.length !== 1) return undefined;
    const p = this.parentRefs[0];
    return p.kind === 'Service' ? PolicyTargetRef.service(p.name) : PolicyTargetRef.gateway(p.name);
  }

  /**
   * Adds a rule. The Gateway API orders rules by how specific their matches are, not by the order
   * they were added.
   *
   * @returns the index of the rule
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
   */
  public addRule(rule: GatewayHttpRouteRule): number {
    const problems = new _Problems(this.subject);
    this.checkRule(problems, `rules[${this.rules.length}]`, rule);
    problems.throwIfAny();
    this.rules.push(rule);
    return this.rules.length - 1;
  }

  /**
   * Changes a rule: the fields given replace the rule's, the others stay.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
   * @example route.updateRule(0, { mirror: { backend: BackendRef.service('reviews-v2', { port: 9080 }), percent: 10 } });
   */
  public updateRule(ruleIndex: number, changes: GatewayHttpRouteRule): void {
    _checkNotSynthesized(this, 'GatewayHttpRoute', 'updateRule');
    _requireProps(this.subject, changes, {}, 'changes', 'Pass the fields of the rule to change, such as { backendRefs: [...] }.');
    const problems = new _Problems(this.subject);
    problems.check(Number.isInteger(ruleIndex) && ruleIndex >= 0 && ruleIndex < this.rules.length, 'ruleIndex',
      `must be the index of a rule, from 0 to ${this.rules.length - 1}`, ruleIndex, 'Use the index addRule() returned.');
    problems.throwIfAny();
    const defined = _compact(changes);
    const rule: GatewayHttpRouteRule = { ...this.rules[ruleIndex], ...defined };
    this.checkRule(problems, `rules[${ruleIndex}]`, rule);
    problems.throwIfAny();
    this.rules[ruleIndex] = rule;
  }

  /**
   * A rule, as it stands.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
   */
  public ruleAt(ruleIndex: number): GatewayHttpRouteRule {
    const rule = this.rules[ruleIndex];
    if (!rule) {
      _fail(this.subject, 'ruleIndex', `must be the index of a rule, from 0 to ${this.rules.length - 1}`, ruleIndex, 'Use the index addRule() returned.');
    }
    return { ...rule };
  }

  /**
   * Replaces the backends of a rule, such as to change the weights of a traffic split.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpbackendref
   */
  public replaceBackends(ruleIndex: number, backends: BackendRef[]): void {
    _checkNotSynthesized(this, 'GatewayHttpRoute', 'replaceBackends');
    _requireArg(this.subject, 'backends', backends, 'Give the new backends, such as [BackendRef.service(\'reviews-v2\', 9080)].');
    this.updateRule(ruleIndex, { backendRefs: [...backends] });
  }

  /** @internal */
  public _toKube(): k8s.HttpRouteSpec {
    return {
      parentRefs: this.parentRefs.map((p) => p._toKube()),
      ...(this.hostnames.length > 0 ? { hostnames: [...this.hostnames] } : {}),
      ...(this.rules.length > 0 ? { rules: this.rules.map((r, i) => this.renderRule(r, `rules[${i}]`)) } : {}),
    };
  }

  private renderRule(r: GatewayHttpRouteRule, prop: string): k8s.HttpRouteSpecRules {
    const filters: k8s.HttpRouteSpecRulesFilters[] = [];
    const types = _gatewayApiL1().HttpRouteSpecRulesFiltersType;
    if (r.requestHeaders) filters.push({ type: types.REQUEST_HEADER_MODIFIER, requestHeaderModifier: headerModifier(r.requestHeaders) });
    if (r.responseHeaders) filters.push({ type: types.RESPONSE_HEADER_MODIFIER, responseHeaderModifier: headerModifier(r.responseHeaders) });
    if (r.mirror) {
      const b = r.mirror.backend._toKube();
      filters.push({
        type: _gatewayApiL1().HttpRouteSpecRulesFiltersType.REQUEST_MIRROR,
        requestMirror: {
          backendRef: { name: b.name, ...(b.namespace ? { namespace: b.namespace } : {}), port: b.port },
          ...(r.mirror.percent !== undefined ? { percent: r.mirror.percent } : {}),
        },
      });
    }
    if (r.redirect) {
      const d = r.redirect;
      filters.push({
        type: types.REQUEST_REDIRECT,
        requestRedirect: {
          ...(d.scheme ? { scheme: d.scheme as string as k8s.HttpRouteSpecRulesFiltersRequestRedirectScheme } : {}),
          ...(d.hostname !== undefined ? { hostname: d.hostname } : {}),
          ...(d.port !== undefined ? { port: d.port } : {}),
          ...(d.statusCode !== undefined ? { statusCode: d.statusCode as k8s.HttpRouteSpecRulesFiltersRequestRedirectStatusCode } : {}),
        },
      });
    }
    if (r.urlRewrite) {
      const w = r.urlRewrite;
      const pathTypes = _gatewayApiL1().HttpRouteSpecRulesFiltersUrlRewritePathType;
      filters.push({
        type: types.URL_REWRITE,
        urlRewrite: {
          ...(w.hostname !== undefined ? { hostname: w.hostname } : {}),
          ...(w.replaceFullPath !== undefined ? { path: { type: pathTypes.REPLACE_FULL_PATH, replaceFullPath: w.replaceFullPath } } : {}),
          ...(w.replacePrefixMatch !== undefined ? { path: { type: pathTypes.REPLACE_PREFIX_MATCH, replacePrefixMatch: w.replacePrefixMatch } } : {}),
        },
      });
    }
    const timeouts = {
      ...(r.timeout ? { request: _renderGatewayDuration(r.timeout, this.subject, `${prop}.timeout`) } : {}),
      ...(r.backendTimeout ? { backendRequest: _renderGatewayDuration(r.backendTimeout, this.subject, `${prop}.backendTimeout`) } : {}),
    };
    return {
      ...(r.name !== undefined ? { name: r.name } : {}),
      ...(r.matches && r.matches.length > 0 ? { matches: r.matches.map((m) => m._toKube()) } : {}),
      ...(filters.length > 0 ? { filters } : {}),
      ...(r.backendRefs && r.backendRefs.length > 0 ? { backendRefs: r.backendRefs.map((b) => b._toKube()) } : {}),
      ...(Object.keys(timeouts).length > 0 ? { timeouts } : {}),
    };
  }

  private checkRule(problems: _Problems, prop: string, r: GatewayHttpRouteRule): void {
    problems.check((r.matches ?? []).length <= 64, `${prop}.matches`, 'must hold at most 64 matches', (r.matches ?? []).length, 'Split the rule.');
    problems.check((r.backendRefs ?? []).length <= 16, `${prop}.backendRefs`, 'must hold at most 16 backends', (r.backendRefs ?? []).length, 'Split the rule.');
    const backends = r.backendRefs ?? [];
    problems.check(backends.length === 0 || backends.length === 1 || backends.some((b) => (b.weight ?? 1) > 0), `${prop}.backendRefs`,
      'must not all have weight 0: requests would get a 500', backends.map((b) => b.weight), 'Give at least one backend a weight above 0.');
    if (r.mirror?.percent !== undefined) {
      _checkPercentage(problems, `${prop}.mirror.percent`, r.mirror.percent, true);
    }
    if (r.redirect) {
      const d = r.redirect;
      problems.check(backends.length === 0, `${prop}.redirect`, 'cannot be combined with backendRefs: the gateway answers with the redirect and forwards nothing',
        backends.map((b) => b.name), 'Leave backendRefs out of the redirecting rule.');
      problems.check(r.urlRewrite === undefined, `${prop}.redirect`, 'cannot be combined with urlRewrite (the Gateway API allows one of the two filters)',
        'urlRewrite', 'Leave urlRewrite out of the redirecting rule.');
      if (d.statusCode !== undefined) {
        problems.check([301, 302, 303, 307, 308].includes(d.statusCode), `${prop}.redirect.statusCode`, 'must be 301, 302, 303, 307 or 308', d.statusCode,
          'Use 301 for a permanent redirect, 302 for a temporary one.');
      }
      if (d.port !== undefined) {
        _checkPort(problems, `${prop}.redirect.port`, d.port, 'Use a port such as 443.');
      }
      if (d.hostname !== undefined) {
        problems.check(_isGatewayApiHostname(d.hostname) && !d.hostname.startsWith('*'), `${prop}.redirect.hostname`, 'must be a lower-case host name without a wildcard',
          d.hostname, 'Use a host such as \'shop.example.com\'.');
      }
    }
    if (r.urlRewrite) {
      const w = r.urlRewrite;
      problems.check(w.replaceFullPath === undefined || w.replacePrefixMatch === undefined, `${prop}.urlRewrite`,
        'must not set both replaceFullPath and replacePrefixMatch', w, 'Keep one of the two.');
      for (const key of ['replaceFullPath', 'replacePrefixMatch'] as const) {
        const path = w[key];
        if (path !== undefined) {
          problems.check(path.startsWith('/') && path.length <= 1024, `${prop}.urlRewrite.${key}`, 'must be an absolute path starting with \'/\'', path, 'Use a path such as \'/\'.');
        }
      }
      if (w.replacePrefixMatch !== undefined) {
        const matches = (r.matches ?? []).map((m) => m._toKube().path?.type);
        problems.check(matches.length === 1 && matches[0] === _gatewayApiL1().HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, `${prop}.urlRewrite.replacePrefixMatch`,
          'needs a rule with exactly one match, a path prefix (GatewayHttpMatch.pathPrefix)', matches, 'Give the rule one pathPrefix match, or use replaceFullPath.');
      }
      if (w.hostname !== undefined) {
        problems.check(_isGatewayApiHostname(w.hostname) && !w.hostname.startsWith('*'), `${prop}.urlRewrite.hostname`, 'must be a lower-case host name without a wildcard',
          w.hostname, 'Use a host such as \'reviews.example.com\'.');
      }
    }
    if (r.timeout && r.backendTimeout) {
      problems.check(r.backendTimeout.toMilliseconds({ integral: false }) <= r.timeout.toMilliseconds({ integral: false }), `${prop}.backendTimeout`,
        'must not be longer than \'timeout\'', r.backendTimeout, 'Shorten backendTimeout, or lengthen timeout.');
    }
  }
}

function headerModifier(m: GatewayHeaderModifier): k8s.HttpRouteSpecRulesFiltersRequestHeaderModifier {
  const pairs = (o?: { [k: string]: string }) => Object.entries(o ?? {}).map(([name, value]) => ({ name, value }));
  return {
    ...(m.set && Object.keys(m.set).length > 0 ? { set: pairs(m.set) } : {}),
    ...(m.add && Object.keys(m.add).length > 0 ? { add: pairs(m.add) } : {}),
    ...(m.remove && m.remove.length > 0 ? { remove: [...m.remove] } : {}),
  };
}
