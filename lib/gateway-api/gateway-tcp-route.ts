import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { _checkParentRefs, _checkStreamBackends, _renderRouteSpec, _renderRule } from './_routes';
import { BackendRef, ParentRef } from './route-refs';
import { _snapshot } from '../core/_compact';
import { _constructSubject, _Problems } from '../core/_errors';
import { MeshResource, MeshResourceProps } from '../core/resource';

/**
 * One rule of a TCPRoute: the Services its connections go to, with their weights.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#tcprouterule
 */
export interface GatewayTcpRouteRule {
  /** The backends, 1 to 16, with their weights. */
  readonly backendRefs: BackendRef[];

  /**
   * A name for the rule, unique in the route.
   *
   * @default - unnamed
   */
  readonly name?: string;
}

/** Props of a GatewayTcpRoute. */
export interface GatewayTcpRouteProps extends MeshResourceProps {
  /** What the route attaches to: the TCP listeners of Gateways (`sectionName`), or Services. */
  readonly parentRefs: ParentRef[];

  /**
   * The rules, 1 to 16; Istio uses the first.
   *
   * @default - none; add with `addRule()` (a TCPRoute needs at least one)
   */
  readonly rules?: GatewayTcpRouteRule[];
}

/**
 * A Kubernetes Gateway API `TCPRoute` (`gateway.networking.k8s.io/v1alpha2`): forwards the TCP
 * connections of a Gateway listener (protocol TCP) to weighted Services.
 *
 * **Experimental.** TCPRoute is in the Gateway API's experimental channel only: the cluster needs the
 * experimental CRDs of Gateway API v1.5.1 and istiod `PILOT_ENABLE_ALPHA_GATEWAY_API=true`, which
 * Istio 1.30 also requires for a `TCP` listener (pilot/pkg/config/kube/gateway/controller.go and
 * conversion.go at 1.30.3). The package embeds only the standard channel, so it renders the object
 * without a generated binding and cannot check it against a CRD schema; the construct records the
 * requirement as construct metadata (`cdk8s-istio:warning`) and the analysis reports it as CI0011.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/tcp-traffic-shifting/
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#tcproute
 * @example
 * new GatewayTcpRoute(chart, 'tcp-echo', {
 *   parentRefs: [ParentRef.gateway('tcp-echo-gateway', { sectionName: 'tcp-31400' })],
 *   rules: [{ backendRefs: [BackendRef.service('tcp-echo-v1', { port: 9000, weight: 80 }), BackendRef.service('tcp-echo-v2', { port: 9000, weight: 20 })] }],
 * });
 */
export class GatewayTcpRoute extends MeshResource {
  /** The apiVersion of the object: TCPRoute is served only by the experimental channel, as v1alpha2. */
  public static readonly API_VERSION = 'gateway.networking.k8s.io/v1alpha2';

  /** What the cluster needs for this kind, as recorded in the construct metadata and by the analysis. */
  public static readonly REQUIREMENT = 'TCPRoute needs the Gateway API experimental-channel CRDs and istiod with PILOT_ENABLE_ALPHA_GATEWAY_API=true';

  /** The object this construct renders into (a plain ApiObject: no binding exists in the standard channel). */
  public readonly apiObject: ApiObject;

  private readonly subject: string;
  private readonly parentRefs: ParentRef[];
  private readonly rules: GatewayTcpRouteRule[] = [];

  public constructor(scope: Construct, id: string, props: GatewayTcpRouteProps) {
    super(scope, id);
    this.subject = _constructSubject('GatewayTcpRoute', scope, id);
    const problems = new _Problems(this.subject);
    _checkParentRefs(problems, props?.parentRefs);
    (props?.rules ?? []).forEach((r, i) => this.checkRule(problems, `rules[${i}]`, r));
    problems.throwIfAny();
    this.parentRefs = [...props.parentRefs];
    this.rules.push(...(props.rules ?? []).map((r) => _snapshot(r)));
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: GatewayTcpRoute.API_VERSION,
      kind: 'TCPRoute',
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
    this.node.addMetadata('cdk8s-istio:warning', GatewayTcpRoute.REQUIREMENT);
    this.node.addValidation({
      validate: () => new _Problems(this.subject)
        .check(this.rules.length > 0 && this.rules.length <= 16, 'rules', 'must hold 1 to 16 rules, as the TCPRoute schema requires', this.rules.length,
          'Add a rule with rules: [...] or addRule().')
        .messages(),
    });
  }

  /**
   * Adds a rule.
   *
   * @returns the index of the rule
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#tcprouterule
   */
  public addRule(rule: GatewayTcpRouteRule): number {
    const problems = new _Problems(this.subject);
    this.checkRule(problems, `rules[${this.rules.length}]`, rule);
    problems.throwIfAny();
    this.rules.push(_snapshot(rule));
    return this.rules.length - 1;
  }

  /** @internal */
  public _toKube(): object {
    return _renderRouteSpec(this.parentRefs, [], this.rules.map((r) => _renderRule<object>({ name: r.name, backendRefs: r.backendRefs })), true);
  }

  private checkRule(problems: _Problems, prop: string, rule: GatewayTcpRouteRule): void {
    _checkStreamBackends(problems, `${prop}.backendRefs`, rule?.backendRefs);
  }
}
