export * from './kubernetes-gateway';
export * from './waypoint';
export * from './gateway-http-route';
