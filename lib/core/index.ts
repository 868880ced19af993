export * from './http-method';
export * from './labels';
export * from './resource';
export * from './selector';
export * from './identity';
