export * from './kubernetes-gateway';
export * from './waypoint';
export * from './gateway-http-route';
export * from './gateway-grpc-route';
export * from './gateway-tcp-route';
export * from './gateway-tls-route';
