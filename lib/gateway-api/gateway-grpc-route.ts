import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { _checkHostnames, _checkParentRefs, _checkRequestRule, _headerFilters, _renderRouteSpec, _renderRule, _ruleAt } from './_routes';
import { GatewayHeaderModifier } from './gateway-http-filters';
import { GatewayHeaderMatch } from './gateway-http-match';
import { BackendRef, ParentRef } from './route-refs';
import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _snapshot } from '../core/_compact';
import { _constructSubject, _Problems } from '../core/_errors';
import { _gatewayApiL1 } from '../core/_l1';
import { MeshResource, MeshResourceProps } from '../core/resource';

const GRPC_SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** The conditions of one GRPCRoute match; all must hold. */
export interface GatewayGrpcMatchOptions {
  /**
   * The gRPC service, fully qualified (`helloworld.Greeter`).
   *
   * @default - any service (then `method` is required)
   */
  readonly service?: string;

  /**
   * The gRPC method (`SayHello`).
   *
   * @default - any method of the service
   */
  readonly method?: string;

  /**
   * Compare `service` and `method` as regular expressions (Istio: RE2) instead of exactly.
   *
   * @default false
   */
  readonly regex?: boolean;

  /**
   * Metadata headers the request must carry.
   *
   * @default - any headers
   */
  readonly headers?: GatewayHeaderMatch[];
}

/**
 * One match of a GRPCRoute rule (`matches[]`): a gRPC service and method, and headers; a rule
 * applies when any of its matches holds.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#grpcroutematch
 */
export class GatewayGrpcMatch {
  /** Calls of one method of a service (`helloworld.Greeter`, `SayHello`). */
  public static method(service: string, method: string): GatewayGrpcMatch {
    return GatewayGrpcMatch.create({ service, method }, 'GatewayGrpcMatch.method');
  }

  /** Calls of every method of a service. */
  public static service(service: string): GatewayGrpcMatch {
    return GatewayGrpcMatch.create({ service }, 'GatewayGrpcMatch.service');
  }

  /** Calls carrying a metadata header of this exact value. */
  public static header(name: string, value: string): GatewayGrpcMatch {
    return GatewayGrpcMatch.create({ headers: [{ name, value }] }, 'GatewayGrpcMatch.header');
  }

  /** Calls meeting every condition given. */
  public static of(options: GatewayGrpcMatchOptions): GatewayGrpcMatch {
    return GatewayGrpcMatch.create(options, 'GatewayGrpcMatch.of');
  }

  private static create(options: GatewayGrpcMatchOptions, factory: string): GatewayGrpcMatch {
    const o = options ?? {};
    const problems = new _Problems(factory);
    problems.check(o.service !== undefined || o.method !== undefined || (o.headers ?? []).length > 0, 'options',
      'must give a service, a method or headers', o, 'Give service: \'helloworld.Greeter\', method: \'SayHello\', or headers.');
    if (o.regex) {
      problems.check(o.service !== undefined || o.method !== undefined, 'options.regex', 'needs a service or method to compare', o,
        'Give service or method, or leave regex out.');
    } else {
      if (o.service !== undefined) {
        problems.check(typeof o.service === 'string' && GRPC_SERVICE.test(o.service) && o.service.length <= 1024, 'options.service',
          'must be a gRPC service name (letters, digits, \'_\', parts joined by \'.\')', o.service, 'Use a name such as \'helloworld.Greeter\'.');
      }
      if (o.method !== undefined) {
        problems.check(typeof o.method === 'string' && GRPC_METHOD.test(o.method) && o.method.length <= 1024, 'options.method',
          'must be a gRPC method name (letters, digits and \'_\')', o.method, 'Use a name such as \'SayHello\'.');
      }
    }
    const headers = o.headers ?? [];
    headers.forEach((h, i) => problems.check(/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(h?.name ?? '') && h.name.length <= 256, `options.headers[${i}].name`,
      'must be a header name', h?.name, 'Use a name such as \'x-canary\'.'));
    problems.check(headers.length <= 16, 'options.headers', 'must hold at most 16 headers', headers.length, 'Split the match.');
    problems.throwIfAny();
    return new GatewayGrpcMatch(o);
  }

  private constructor(private readonly options: GatewayGrpcMatchOptions) {}

  /** @internal */
  public _toKube(): k8s.GrpcRouteSpecRulesMatches {
    const o = this.options;
    const method = o.service !== undefined || o.method !== undefined
      ? {
        ...(o.regex ? { type: _gatewayApiL1().GrpcRouteSpecRulesMatchesMethodType.REGULAR_EXPRESSION } : {}),
        ...(o.service !== undefined ? { service: o.service } : {}),
        ...(o.method !== undefined ? { method: o.method } : {}),
      }
      : undefined;
    const regexHeader = _gatewayApiL1().GrpcRouteSpecRulesMatchesHeadersType.REGULAR_EXPRESSION;
    const headers = (o.headers ?? []).map((h) => ({ ...(h.regex ? { type: regexHeader } : {}), name: h.name, value: h.value }));
    return {
      ...(method ? { method } : {}),
      ...(headers.length > 0 ? { headers } : {}),
    };
  }
}

/**
 * One rule of a GRPCRoute: the calls it matches, where they go, and the header changes on the way.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#grpcrouterule
 */
export interface GatewayGrpcRouteRule {
  /**
   * The calls the rule applies to: any of the matches.
   *
   * @default - every call
   */
  readonly matches?: GatewayGrpcMatch[];

  /**
   * The backends, with their weights.
   *
   * @default - none: calls get `UNAVAILABLE`
   */
  readonly backendRefs?: BackendRef[];

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
   * A name for the rule, unique in the route.
   *
   * @default - unnamed
   */
  readonly name?: string;
}

/** Props of a GatewayGrpcRoute. */
export interface GatewayGrpcRouteProps extends MeshResourceProps {
  /** What the route attaches to: Gateways (ingress) or Services (mesh traffic). */
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
  readonly rules?: GatewayGrpcRouteRule[];
}

/**
 * A Kubernetes Gateway API `GRPCRoute` (`gateway.networking.k8s.io/v1`, standard channel): gRPC
 * routing by service and method for a Gateway listener (HTTP or HTTPS) or, with a Service as its
 * parent, for the mesh traffic to that Service, with weighted backends and header changes.
 *
 * @see https://gateway-api.sigs.k8s.io/guides/grpc-routing/
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#grpcroute
 * @example
 * new GatewayGrpcRoute(chart, 'greeter', {
 *   parentRefs: [ParentRef.gateway('gateway')],
 *   hostnames: ['grpc.example.com'],
 *   rules: [{ matches: [GatewayGrpcMatch.method('helloworld.Greeter', 'SayHello')], backendRefs: [BackendRef.service('greeter', { port: 50051 })] }],
 * });
 */
export class GatewayGrpcRoute extends MeshResource {
  /** The L1 object this construct renders into. */
  public readonly apiObject: k8s.GrpcRoute;

  private readonly subject: string;
  private readonly parentRefs: ParentRef[];
  private readonly hostnames: string[];
  private readonly rules: GatewayGrpcRouteRule[] = [];

  public constructor(scope: Construct, id: string, props: GatewayGrpcRouteProps) {
    super(scope, id);
    this.subject = _constructSubject('GatewayGrpcRoute', scope, id);
    const problems = new _Problems(this.subject);
    _checkParentRefs(problems, props?.parentRefs);
    _checkHostnames(problems, props?.hostnames);
    (props?.rules ?? []).forEach((r, i) => this.checkRule(problems, `rules[${i}]`, r));
    problems.throwIfAny();
    this.parentRefs = [...props.parentRefs];
    this.hostnames = [...(props.hostnames ?? [])];
    this.rules.push(...(props.rules ?? []).map((r) => _snapshot(r)));
    this.apiObject = new (_gatewayApiL1()).GrpcRoute(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }) as any,
    });
    this.node.addValidation({
      validate: () => {
        const matches = this.rules.reduce((n, r) => n + (r.matches ?? []).length, 0);
        return new _Problems(this.subject)
          .check(this.rules.length <= 16, 'rules', 'must hold at most 16 rules, as the Gateway API allows', this.rules.length, 'Split the routing over several GRPCRoutes.')
          .check(matches < 128, 'rules', 'must hold fewer than 128 matches in all, as the Gateway API allows', matches, 'Split the routing over several GRPCRoutes.')
          .messages();
      },
    });
  }

  /**
   * Adds a rule.
   *
   * @returns the index of the rule
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#grpcrouterule
   */
  public addRule(rule: GatewayGrpcRouteRule): number {
    const problems = new _Problems(this.subject);
    this.checkRule(problems, `rules[${this.rules.length}]`, rule);
    problems.throwIfAny();
    this.rules.push(_snapshot(rule));
    return this.rules.length - 1;
  }

  /**
   * Replaces the backends of a rule, such as to change the weights of a traffic split.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#grpcbackendref
   */
  public replaceBackends(ruleIndex: number, backends: BackendRef[]): void {
    const changed = { ..._ruleAt(this.subject, this.rules, ruleIndex), backendRefs: [...backends] };
    const problems = new _Problems(this.subject);
    this.checkRule(problems, `rules[${ruleIndex}]`, changed);
    problems.throwIfAny();
    this.rules[ruleIndex] = changed;
  }

  /** @internal */
  public _toKube(): k8s.GrpcRouteSpec {
    const rules = this.rules.map((r) =>
      _renderRule<k8s.GrpcRouteSpecRules>({ name: r.name, matches: r.matches, filters: _headerFilters(r), backendRefs: r.backendRefs }));
    return _renderRouteSpec(this.parentRefs, this.hostnames, rules);
  }

  private checkRule(problems: _Problems, prop: string, r: GatewayGrpcRouteRule): void {
    _checkRequestRule(problems, prop, r?.matches ?? [], r?.backendRefs ?? [], 'calls would fail with UNAVAILABLE');
  }
}
