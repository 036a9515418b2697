export * from './canonical-json';
export * from './idempotency.store';
export * from './idempotency.interceptor';
export * from './idempotent.decorator';
