import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SecretBox } from '@shipcrowd/platform';
import type { CourierApiSimulator } from '@shipcrowd/simulators';
import { COURIERS_FACADE } from '../contracts';
import { CourierProviders, COURIER_PROVIDERS } from './application/courier-providers';
import { CouriersGateway } from './application/couriers.gateway';
import { CompanyCourierAccounts } from './application/credentials/company-courier-accounts';
import {
  CourierCredentialsViews,
  GetCourierCredentialsHandler,
  RemoveCourierCredentialsHandler,
  ResealCourierCredentialsHandler,
  SetCourierCredentialsHandler,
} from './application/credentials/courier-credentials.handlers';
import { PlatformCourierAccounts } from './application/platform-courier-accounts';
import type { CourierProvider } from './application/ports/courier-provider';
import { courierAdapters } from './infrastructure/adapters/registry';
import { CourierEndpoints } from './infrastructure/courier-endpoints';
import { COURIER_SECRET_BOX, CourierCredentialStore } from './infrastructure/persistence/courier-credential-store';
import { CourierClients } from './infrastructure/resilience/courier-clients';
import { CourierTelemetry } from './infrastructure/resilience/courier-telemetry';
import { COURIER_SIMULATORS, CourierSandboxHost } from './infrastructure/sandbox/courier-sandbox-host';
import { courierSimulators } from './infrastructure/sandbox/simulators';

/**
 * The couriers context: adapters (COURIER_PROVIDERS), the gateway behind COURIERS_FACADE, sealed credentials, resilient
 * per-courier HTTP clients with telemetry, and in sandbox mode without COURIER_SIMULATOR_URL the in-process courier
 * simulator server. Needs the platform and AUDIT_TRAIL (AuditModule). Import it once at the process root (API and
 * worker): CouriersHttpModule and CouriersJobsModule rely on it being there.
 */
@Global()
@Module({
  providers: [
    { provide: COURIER_PROVIDERS, useFactory: courierAdapters },
    { provide: COURIER_SIMULATORS, useFactory: courierSimulators, inject: [COURIER_PROVIDERS] },
    { provide: COURIER_SECRET_BOX, inject: [APP_CONFIG], useFactory: (config: AppConfig) => SecretBox.fromConfig(config) },
    CourierProviders,
    CourierSandboxHost,
    CourierEndpoints,
    CourierClients,
    CourierTelemetry,
    CourierCredentialStore,
    PlatformCourierAccounts,
    CompanyCourierAccounts,
    CourierCredentialsViews,
    SetCourierCredentialsHandler,
    RemoveCourierCredentialsHandler,
    GetCourierCredentialsHandler,
    ResealCourierCredentialsHandler,
    CouriersGateway,
    { provide: COURIERS_FACADE, useExisting: CouriersGateway },
  ],
  exports: [COURIERS_FACADE, CourierProviders, CourierSandboxHost],
})
export class CouriersModule {
  /**
   * The context with other adapters and sandbox simulators (tests): replaces what the registries build. Import it
   * instead of CouriersModule, never next to it.
   */
  static withAdapters(adapters: readonly CourierProvider[], simulators: readonly CourierApiSimulator[] = []): DynamicModule {
    return {
      module: CouriersModule,
      providers: [
        { provide: COURIER_PROVIDERS, useValue: adapters },
        { provide: COURIER_SIMULATORS, useValue: simulators },
      ],
    };
  }
}
