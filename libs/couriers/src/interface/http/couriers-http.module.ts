import { Module } from '@nestjs/common';
import { CompareCourierRatesHandler } from '../../application/queries/compare-courier-rates/compare-courier-rates.handler';
import { CourierSandboxWebhooks } from '../../infrastructure/sandbox/courier-sandbox-webhooks';
import { AdminCourierCredentialsController, CourierCredentialsController } from './courier-credentials.controllers';
import { CourierQuotesController } from './courier-quotes.controller';
import { AdminCouriersController, CouriersController } from './couriers.controller';

/**
 * The couriers HTTP API: catalogue, credentials (seller's own and the platform's), the couriers' live serviceability
 * and rate answers, health. Also points the in-process sandbox simulators' webhooks at this API (only the API process
 * receives webhooks). Needs CouriersModule (global) at the process root, imported there rather than here so tests can
 * swap its adapters (CouriersModule.withAdapters).
 */
@Module({
  controllers: [CouriersController, AdminCouriersController, CourierCredentialsController, AdminCourierCredentialsController, CourierQuotesController],
  providers: [CourierSandboxWebhooks, CompareCourierRatesHandler],
})
export class CouriersHttpModule {}
