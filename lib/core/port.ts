import { Protocol } from './protocol';

/**
 * A port as Istio's `Port` message describes it, shared by every port struct of the library
 * (`GatewayPort`, `ServiceEntryPort`, `SidecarPort`, `MeshPort`, `ExternalServicePort`,
 * `ControlPlaneGatewayPort`): the number clients use, the protocol Istio treats its traffic as, a
 * name, and the port on the workload behind it. A construct that needs a field Istio requires for
 * its kind (a Gateway server's `name` and `protocol`, a ServiceEntry port's `name`) checks it is
 * given.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Port
 */
export interface Port {
  /**
   * The port number clients connect to, 1 to 65535.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Port
   */
  readonly number: number;

  /**
   * The protocol of the traffic on the port (`HTTP`, `HTTPS`, `GRPC`, `HTTP2`, `MONGO`, `TCP`, `TLS`).
   *
   * @default - each construct says: Istio detects it, or the construct derives it (MeshPort from the name); required on a Gateway server and an EgressLockdown port
   * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
   */
  readonly protocol?: Protocol;

  /**
   * The name of the port.
   *
   * @default - each construct says: unnamed, or derived from the protocol; required on a Gateway server, a ServiceEntry and a control-plane gateway port
   * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Port
   */
  readonly name?: string;

  /**
   * The port on the workload behind this one (the container, the endpoint, the gateway pod) that
   * the traffic is delivered to, when it differs from `number`.
   *
   * @default - the same as `number`
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServicePort
   */
  readonly targetPort?: number;
}
