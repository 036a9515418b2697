export { CouriersModule } from './couriers.module';
export { CouriersHttpModule } from './interface/http/couriers-http.module';
export { CouriersJobsModule } from './interface/jobs/couriers-jobs.module';
export { CourierProviders, COURIER_PROVIDERS } from './application/courier-providers';
export { ResealCourierCredentials } from './application/credentials/courier-credentials.commands';
export { CourierSandboxHost, simulatorPrefixOf } from './infrastructure/sandbox/courier-sandbox-host';
export * from './application/ports/courier-provider';
