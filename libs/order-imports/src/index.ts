export { OrderImportsModule } from './order-imports.module';
export { OrderImportsHttpModule } from './interface/http/order-imports-http.module';
export { OrderImportsJobsModule } from './interface/jobs/order-imports-jobs.module';
export { ProcessOrderImport } from './application/commands/process-import/process-import.command';
