/**
 * The protocols Istio knows a port by: they decide how the proxy treats the traffic (HTTP routing,
 * TLS SNI routing, or plain TCP).
 *
 * The member carries the wire value: `Protocol.GRPC_WEB` renders `GRPC-WEB`.
 *
 * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Port
 */
export enum Protocol {
  /** HTTP/1.1 (or HTTP/2 when the client upgrades). */
  HTTP = 'HTTP',
  /** HTTP over TLS; Istio does not inspect the HTTP layer unless the Gateway terminates TLS. */
  HTTPS = 'HTTPS',
  /** gRPC: HTTP/2 with gRPC semantics. */
  GRPC = 'GRPC',
  /** gRPC-Web, as browsers speak it. */
  GRPC_WEB = 'GRPC-WEB',
  /** HTTP/2. */
  HTTP2 = 'HTTP2',
  /** MongoDB wire protocol. */
  MONGO = 'MONGO',
  /** Opaque TCP. */
  TCP = 'TCP',
  /** TLS, routed by SNI without terminating it (unless a Gateway does). */
  TLS = 'TLS',
  /**
   * UDP: accepted in a port declaration, but Istio's proxies do not intercept or route UDP.
   */
  UDP = 'UDP',
}
