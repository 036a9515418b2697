export { ServiceabilityModule } from './serviceability.module';
export { ServiceabilityHttpModule } from './interface/http/serviceability-http.module';
export { ServiceabilityJobsModule } from './interface/jobs/serviceability-jobs.module';
export { CourierSimulatorHost } from './infrastructure/adapters/courier-simulator-host';
export { loadSandboxCoverage, sandboxServicesOf } from './infrastructure/persistence/sandbox-coverage-loader';
export { SyncCourierCoverage, SyncAllCourierCoverage } from './application/commands/sync-courier-coverage/sync-courier-coverage.command';
