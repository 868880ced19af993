export * from './http-method';
export * from './labels';
export * from './resource';
export * from './selector';
export * from './host';
export * from './protocol';
export * from './identity';
export * from './dataplane';
