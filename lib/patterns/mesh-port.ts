import { Protocol } from '../core/protocol';

/**
 * A port of a MeshService: the Service port, the container port behind it, and the protocol Istio
 * treats its traffic as.
 *
 * The protocol decides the Service port's name (`<protocol>[-<suffix>]`, Istio's naming convention)
 * and its `appProtocol`, so Istio never has to guess: HTTP routing, retries and metrics apply to
 * HTTP, HTTP2, GRPC and GRPC-WEB ports, the rest is proxied as TCP.
 *
 * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
 * @example { number: 8080, protocol: Protocol.HTTP } // Service port 'http', appProtocol 'http'
 */
export interface MeshPort {
  /**
   * The port number of the Service, 1 to 65535.
   *
   * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
   */
  readonly number: number;

  /**
   * The protocol of the traffic on this port: it sets the port name's prefix and `appProtocol`.
   *
   * @default - read from a name that follows Istio's convention (`grpc-api` is GRPC, `mysql` is
   * MySQL); a port with neither a protocol nor such a name is an error, since Istio would have to sniff it
   * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
   */
  readonly protocol?: Protocol;

  /**
   * The name of the Service port. A name that does not start with the protocol gets it as a prefix
   * (`api` with HTTP becomes `http-api`); a name that starts with another protocol is an error.
   *
   * @default - the protocol's prefix alone: `http`, `grpc`, `tcp` ...
   * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/#explicit-protocol-selection
   */
  readonly name?: string;

  /**
   * The port the container listens on.
   *
   * @default - the same as `number`
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service
   */
  readonly targetPort?: number;
}
