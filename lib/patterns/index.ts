export * from './mesh-port';
export * from './mesh-workload';
export * from './sidecar-injection';
export * from './mesh-service';
export * from './zero-trust-namespace';
export * from './canary-version';
export * from './canary-plan';
export * from './canary-release';
