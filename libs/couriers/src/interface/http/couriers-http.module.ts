import { Module } from '@nestjs/common';
import { CourierSandboxWebhooks } from '../../infrastructure/sandbox/courier-sandbox-webhooks';
import { AdminCourierCredentialsController, CourierCredentialsController } from './courier-credentials.controllers';
import { AdminCouriersController, CouriersController } from './couriers.controller';

/**
 * The couriers HTTP API: catalogue, credentials (seller's own and the platform's), health. Also points the in-process
 * sandbox simulators' webhooks at this API (only the API process receives webhooks). Needs CouriersModule (global)
 * at the process root, imported there rather than here so tests can swap its adapters (CouriersModule.withAdapters).
 */
@Module({
  controllers: [CouriersController, AdminCouriersController, CourierCredentialsController, AdminCourierCredentialsController],
  providers: [CourierSandboxWebhooks],
})
export class CouriersHttpModule {}
