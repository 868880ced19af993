import * as kplus from 'cdk8s-plus-28';
import type { KubernetesGateway } from './kubernetes-gateway';
import type * as k8s from '../../imports/gateway.networking.k8s.io';
import { _Problems } from '../core/_errors';
import { _checkPort } from '../core/_port';

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

