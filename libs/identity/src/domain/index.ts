export * from './user';
export * from './identity-errors';
export * from './email';
export * from './password-policy';
export * from './phone';
export * from './device';
export * from './api-key-format';
export * from './ports';
