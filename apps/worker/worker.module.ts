import { Module } from '@nestjs/common';
import { AuditJobsModule } from '@shipcrowd/audit';
import { CompaniesJobsModule } from '@shipcrowd/companies';
import { CouriersJobsModule, CouriersModule } from '@shipcrowd/couriers';
import { GeoJobsModule } from '@shipcrowd/geo';
import { IdentityJobsModule } from '@shipcrowd/identity';
import { OrderImportsJobsModule } from '@shipcrowd/order-imports';
import { OrdersModule } from '@shipcrowd/orders';
import { OutboxRelayModule, SchedulesModule, StorageModule } from '@shipcrowd/platform';
import { PricingJobsModule } from '@shipcrowd/pricing';
import { ServiceabilityJobsModule } from '@shipcrowd/serviceability';
import { ShippingJobsModule } from '@shipcrowd/shipping';
import { WarehousesModule } from '@shipcrowd/warehouses';

/** Everything the background process runs: outbox relay, queue processors, schedules. */
@Module({
  imports: [
    OutboxRelayModule,
    SchedulesModule,
    AuditJobsModule,
    StorageModule,
    CompaniesJobsModule,
    IdentityJobsModule,
    GeoJobsModule,
    ServiceabilityJobsModule,
    PricingJobsModule,
    WarehousesModule,
    OrdersModule,
    OrderImportsJobsModule,
    CouriersModule,
    CouriersJobsModule,
    ShippingJobsModule,
  ],
})
export class WorkerModule {}
