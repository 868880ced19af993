import { Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { _renderGatewayDuration } from './_duration';
import { _checkHostnames, _checkParentRefs, _checkRequestRule, _headerFilters, _renderRouteSpec, _renderRule, _RouteFilter, _ruleAt } from './_routes';
import { GatewayHeaderModifier, GatewayRequestMirror, GatewayRequestRedirect, GatewayUrlRewrite } from './gateway-http-filters';
import { GatewayHttpMatch } from './gateway-http-match';
import { BackendRef, ParentRef } from './route-refs';
import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _compact, _snapshot } from '../core/_compact';
import { _constructSubject, _Problems, _requireArg, _requireProps } from '../core/_errors';
import { _isGatewayApiHostname } from '../core/_host';
import { _gatewayApiL1 } from '../core/_l1';
import { _checkPercentage } from '../core/_numbers';
import { _checkPort } from '../core/_port';
import { _checkNotSynthesized } from '../core/_synth';
import { MeshResource, MeshResourceProps } from '../core/resource';
import { PolicyTargetRef } from '../core/selector';

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
    _checkParentRefs(problems, props.parentRefs ?? []);
    _checkHostnames(problems, props.hostnames);
    (props.rules ?? []).forEach((r, i) => this.checkRule(problems, `rules[${i}]`, r));
    problems.throwIfAny();
    this.parentRefs = [...props.parentRefs];
    this.hostnames = [...(props.hostnames ?? [])];
    this.rules.push(...(props.rules ?? []).map((r) => _snapshot(r)));
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
    this.rules.push(_snapshot(rule));
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
    const rule: GatewayHttpRouteRule = { ..._ruleAt(this.subject, this.rules, ruleIndex), ..._compact(changes) };
    const problems = new _Problems(this.subject);
    this.checkRule(problems, `rules[${ruleIndex}]`, rule);
    problems.throwIfAny();
    this.rules[ruleIndex] = _snapshot(rule);
  }

  /**
   * A rule, as it stands.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
   */
  public ruleAt(ruleIndex: number): GatewayHttpRouteRule {
    return { ..._ruleAt(this.subject, this.rules, ruleIndex) };
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

  /**
   * Replaces the parents the route attaches to (1 to 32 Gateways, listeners or Services).
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#parentreference
   */
  public replaceParentRefs(parents: ParentRef[]): void {
    _checkNotSynthesized(this, 'GatewayHttpRoute', 'replaceParentRefs');
    const problems = new _Problems(this.subject);
    problems.check(Array.isArray(parents) && parents.length > 0 && parents.length <= 32, 'parentRefs', 'must hold 1 to 32 parents', parents?.length,
      'Attach the route to a Gateway (ParentRef.gateway) or a Service (ParentRef.service).');
    problems.throwIfAny();
    this.parentRefs.splice(0, this.parentRefs.length, ...parents);
  }

  /** @internal */
  public _toKube(): k8s.HttpRouteSpec {
    return _renderRouteSpec(this.parentRefs, this.hostnames, this.rules.map((r, i) => this.renderRule(r, `rules[${i}]`)));
  }

  private renderRule(r: GatewayHttpRouteRule, prop: string): k8s.HttpRouteSpecRules {
    const filters: Array<k8s.HttpRouteSpecRulesFilters | _RouteFilter> = _headerFilters(r);
    const types = _gatewayApiL1().HttpRouteSpecRulesFiltersType;
    if (r.mirror) {
      const b = r.mirror.backend._toKube();
      filters.push({
        type: types.REQUEST_MIRROR,
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
    return _renderRule<k8s.HttpRouteSpecRules>({
      name: r.name,
      matches: r.matches,
      filters: filters as _RouteFilter[],
      backendRefs: r.backendRefs,
      timeouts,
    });
  }

  private checkRule(problems: _Problems, prop: string, r: GatewayHttpRouteRule): void {
    const backends = r.backendRefs ?? [];
    _checkRequestRule(problems, prop, r.matches ?? [], backends, 'requests would get a 500');
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

