export * from './analysis';
export * from './finding';
export * from './report';
export * from './suppression';
export * from './synth';
export * from './plugin';
export * from './trace/request';
export * from './traffic-intent';
