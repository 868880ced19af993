/**
 * Options of the TCP and TLS-passthrough servers and routes of an IngressGateway.
 */

/**
 * A TCP server of the ingress gateway: a port whose connections are forwarded as opaque TCP.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/tcp-traffic-shifting/
 */
export interface IngressTcpServerOptions {
  /** The port the gateway listens on (the ingress gateway Service must expose it too). */
  readonly port: number;

  /**
   * The server's port name; with `RoutingApi.GATEWAY_API`, the listener's name (routes name it as `sectionName`).
   *
   * @default 'tcp', or 'tcp-<port>' when another server has that name
   */
  readonly portName?: string;

  /**
   * The port the gateway pods listen on, when it differs from `port`.
   *
   * @default - the same as `port`
   */
  readonly targetPort?: number;

  /**
   * The server's name; with `RoutingApi.GATEWAY_API`, the listener's name instead of `portName`.
   *
   * @default - unnamed
   */
  readonly name?: string;
}

/** Options of `IngressGateway.exposeTcp()`. */
export interface IngressTcpExposeOptions {
  /**
   * The port of the TCP server whose connections the route takes.
   *
   * @default - the port of the gateway's one TCP server
   */
  readonly serverPort?: number;

  /**
   * The name of the VirtualService (`RoutingApi.ISTIO`) or TCPRoute (`RoutingApi.GATEWAY_API`) the route goes into.
   *
   * @default - '<gateway>-tcp' (one VirtualService for every TCP route), or '<gateway>-tcp-<serverPort>' (a TCPRoute per port)
   */
  readonly routeName?: string;
}

/** Options of `IngressGateway.exposeTls()`. */
export interface IngressTlsExposeOptions {
  /**
   * The port of the TLS-passthrough server whose connections the route takes.
   *
   * @default - the port of the gateway's one passthrough server
   */
  readonly serverPort?: number;

  /**
   * The name of the VirtualService (`RoutingApi.ISTIO`) or TLSRoute (`RoutingApi.GATEWAY_API`) the route goes into.
   *
   * @default - '<gateway>-tls', then '<gateway>-tls-2' ... for each further exposure
   */
  readonly routeName?: string;
}
