export * from './version';
export * from './core';
export * from './networking';
export * from './security';
export * from './telemetry';
export * from './gateway-api';
export * from './patterns';
export * from './analysis';

// The generated L1 bindings, one submodule per API group.
export * as networking_istio_io from '../imports/networking.istio.io';
export * as security_istio_io from '../imports/security.istio.io';
export * as telemetry_istio_io from '../imports/telemetry.istio.io';
export * as extensions_istio_io from '../imports/extensions.istio.io';
export * as gateway_networking_k8s_io from '../imports/gateway.networking.k8s.io';
