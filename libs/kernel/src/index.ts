export * from './ids';
export * from './domain-error';
export * from './money';
export * from './clock';
export * from './aggregate-root';
