export * from './metrics';
export * from './queue-discovery';
export * from './operational-metrics';
export * from './metrics.controller';
export * from './metrics.module';
