import { Port } from '../core/port';

/**
 * A port of a MeshService: the Service port, the container port behind it, and the protocol Istio
 * treats its traffic as.
 *
 * The protocol decides the Service port's name (`<protocol>[-<suffix>]`, Istio's naming convention)
 * and its `appProtocol`, so Istio never has to guess: HTTP routing, retries and metrics apply to
 * HTTP, HTTP2, GRPC and GRPC-WEB ports, the rest is proxied as TCP. `number` is the Service port and
 * `targetPort` the port the container listens on (default: `number`). Without a protocol it is read
 * from a name that follows Istio's convention (`grpc-api` is GRPC, `mysql` is MySQL); a port with
 * neither is an error, since Istio would have to sniff it. A name that does not start with the
 * protocol gets it as a prefix (`api` with HTTP becomes `http-api`); a name that starts with another
 * protocol is an error; without a name the port is named after its protocol (`http`, `grpc`, `tcp`).
 *
 * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
 * @example { number: 8080, protocol: Protocol.HTTP } // Service port 'http', appProtocol 'http'
 */
export interface MeshPort extends Port {}
