export * from './authorization-policy';
export * from './authorization-rule';
export * from './peer-authentication';
export * from './request-authentication';
