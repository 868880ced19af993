export * from './mesh-port';
export * from './mesh-workload';
export * from './sidecar-injection';
export * from './mesh-service';
export * from './zero-trust-namespace';
