export * from './schedule.types';
export * from './schedule-slot';
export * from './schedule-registry';
export * from './schedules.runner';
export * from './platform-schedules';
export * from './schedules.module';
