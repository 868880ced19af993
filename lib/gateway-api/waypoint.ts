import { Construct } from 'constructs';
import { KubernetesGateway, ListenerProtocol } from './kubernetes-gateway';
import { _fail } from '../core/_errors';
import { _withNamespaceGuard } from '../core/_intents';
import { Identity } from '../core/identity';
import { MeshLabels } from '../core/labels';
import { MeshResourceProps } from '../core/resource';

/**
 * The traffic a waypoint handles (`istio.io/waypoint-for`). The member carries the wire value.
 *
 * @see https://istio.io/latest/docs/ambient/usage/waypoint/#waypoint-traffic-types
 */
export enum WaypointTrafficType {
  /** Traffic addressed to Services (Istio's default for a waypoint). */
  SERVICE = 'service',
  /** Traffic addressed to pods directly, by IP. */
  WORKLOAD = 'workload',
  /** Both service and workload traffic. */
  ALL = 'all',
  /** No traffic: a waypoint deployed but not in use. */
  NONE = 'none',
}

/** Props of a Waypoint. */
export interface WaypointProps extends MeshResourceProps {
  /**
   * The traffic the waypoint handles, rendered as the `istio.io/waypoint-for` label.
   *
   * @default - no label: Istio's default, service traffic
   * @see https://istio.io/latest/docs/ambient/usage/waypoint/#waypoint-traffic-types
   */
  readonly trafficType?: WaypointTrafficType;

  /**
   * The trust domain of the mesh, for the waypoint's `identity`.
   *
   * @default 'cluster.local'
   * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
   */
  readonly trustDomain?: string;
}

/**
 * An ambient mode waypoint proxy: a Gateway API Gateway of class `istio-waypoint` with the listener
 * `mesh` on port 15008 (HBONE), which Istio deploys as an Envoy that carries the L7 traffic of the
 * namespaces, Services or pods labelled `istio.io/use-waypoint: <name>`. L7 policies attach to it, or
 * to those Services, with `targetRefs`.
 *
 * @see https://istio.io/latest/docs/ambient/usage/waypoint/
 * @example
 * const waypoint = new Waypoint(chart, 'waypoint', { trafficType: WaypointTrafficType.SERVICE });
 * new AuthorizationPolicy(chart, 'l7', { targetRefs: [waypoint.targetRef], rules: [...] });
 */
export class Waypoint extends KubernetesGateway {
  /** The GatewayClass of waypoints: `istio-waypoint`. */
  public static readonly GATEWAY_CLASS = 'istio-waypoint';

  /** The port of a waypoint's HBONE listener: 15008. */
  public static readonly HBONE_PORT = 15008;

  private readonly trustDomain?: string;

  public constructor(scope: Construct, id: string, props: WaypointProps = {}) {
    super(scope, id, {
      metadata: {
        ...props.metadata,
        labels: { ...props.metadata?.labels, ...(props.trafficType ? { [MeshLabels.WAYPOINT_FOR]: props.trafficType } : {}) },
      },
      gatewayClassName: Waypoint.GATEWAY_CLASS,
      listeners: [{ name: 'mesh', port: Waypoint.HBONE_PORT, protocol: ListenerProtocol.HBONE }],
    });
    this.trustDomain = props.trustDomain;
    // A ZeroTrustNamespace of the same namespace lets its waypoints through its allow-nothing policy.
    const namespace = this.namespace;
    if (namespace !== undefined) _withNamespaceGuard(this, namespace, (guard) => guard.admitWaypoint(this, this.identity));
  }

  /**
   * The waypoint's workload identity: Istio runs it as the service account named after the Gateway,
   * so ztunnel sees `cluster.local/ns/<namespace>/sa/<name>` as the source of the traffic it relays.
   * An L4 ALLOW policy on the workloads behind the waypoint must let this identity in.
   *
   * @see https://istio.io/latest/docs/ambient/usage/l4-policy/
   */
  public get identity(): Identity {
    if (this.namespace === undefined) {
      _fail(this._subject, 'metadata.namespace', 'must be given, or the chart must have a namespace: the waypoint\'s identity names it',
        undefined, 'Set metadata.namespace on the Waypoint, or { namespace } on its Chart.');
    }
    return Identity.fromNames(this.namespace!, this.name, { trustDomain: this.trustDomain });
  }
}
