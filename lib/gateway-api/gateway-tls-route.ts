import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { _checkHostnames, _checkParentRefs, _checkStreamBackends, _renderRule } from './_routes';
import { BackendRef, ParentRef } from './route-refs';
import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _constructSubject, _Problems } from '../core/_errors';
import { _gatewayApiL1 } from '../core/_l1';
import { MeshResource, MeshResourceProps } from '../core/resource';

/** Props of a GatewayTlsRoute. */
export interface GatewayTlsRouteProps extends MeshResourceProps {
  /** What the route attaches to: the TLS listeners of Gateways (`sectionName`). */
  readonly parentRefs: ParentRef[];

  /**
   * The SNI host names the route serves, 1 to 16 (`shop.example.com`, `*.example.com`).
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#tlsroutespec
   */
  readonly hostnames: string[];

  /** The backends the connections go to, 1 to 16, with their weights. */
  readonly backendRefs: BackendRef[];

  /**
   * A name for the route's one rule.
   *
   * @default - unnamed
   */
  readonly ruleName?: string;
}

/**
 * A Kubernetes Gateway API `TLSRoute` (`gateway.networking.k8s.io/v1`, standard channel since
 * v1.5): routes TLS connections by SNI host name to weighted Services, the TLS passed through
 * to the backend on a listener with `tlsPassthrough` (or terminated by a TLS listener with
 * certificates). In v1 a TLSRoute has exactly one rule.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-sni-passthrough/
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#tlsroute
 * @example
 * new GatewayTlsRoute(chart, 'nginx', {
 *   parentRefs: [ParentRef.gateway('gateway', { sectionName: 'tls' })],
 *   hostnames: ['nginx.example.com'],
 *   backendRefs: [BackendRef.service('my-nginx', { port: 443 })],
 * });
 */
export class GatewayTlsRoute extends MeshResource {
  /** The L1 object this construct renders into. */
  public readonly apiObject: k8s.TlsRoute;

  private readonly subject: string;
  private readonly parentRefs: ParentRef[];
  private readonly hostnames: string[];
  private backendRefs: BackendRef[];
  private readonly ruleName?: string;

  public constructor(scope: Construct, id: string, props: GatewayTlsRouteProps) {
    super(scope, id);
    this.subject = _constructSubject('GatewayTlsRoute', scope, id);
    const problems = new _Problems(this.subject);
    _checkParentRefs(problems, props?.parentRefs);
    problems.check(Array.isArray(props?.hostnames) && props.hostnames.length > 0, 'hostnames', 'must hold at least one SNI host name: a TLSRoute routes by SNI',
      props?.hostnames, 'Give the host names clients send, such as [\'shop.example.com\'].');
    _checkHostnames(problems, props?.hostnames);
    _checkStreamBackends(problems, 'backendRefs', props?.backendRefs);
    problems.throwIfAny();
    this.parentRefs = [...props.parentRefs];
    this.hostnames = [...props.hostnames];
    this.backendRefs = [...props.backendRefs];
    this.ruleName = props.ruleName;
    this.apiObject = new (_gatewayApiL1()).TlsRoute(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }) as any,
    });
  }

  /**
   * Replaces the backends, such as to change the weights of a traffic split.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#backendref
   */
  public replaceBackends(backends: BackendRef[]): void {
    const problems = new _Problems(this.subject);
    _checkStreamBackends(problems, 'backendRefs', backends);
    problems.throwIfAny();
    this.backendRefs = [...backends];
  }

  /** @internal */
  public _toKube(): k8s.TlsRouteSpec {
    // A TLSRoute always has host names and its one rule, so the spec is written out here.
    return {
      parentRefs: this.parentRefs.map((p) => p._toKube()),
      hostnames: [...this.hostnames],
      rules: [_renderRule<k8s.TlsRouteSpecRules>({ name: this.ruleName, backendRefs: this.backendRefs })],
    };
  }
}
