import { Module } from '@nestjs/common';
import { AuditHttpModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { CouriersHttpModule, CouriersModule } from '@shipcrowd/couriers';
import { GeoHttpModule } from '@shipcrowd/geo';
import { IdentityModule } from '@shipcrowd/identity';
import { OrderImportsHttpModule } from '@shipcrowd/order-imports';
import { OrdersHttpModule } from '@shipcrowd/orders';
import { BullBoardModule, HealthModule, MetricsModule, StorageModule } from '@shipcrowd/platform';
import { PricingHttpModule } from '@shipcrowd/pricing';
import { ServiceabilityHttpModule } from '@shipcrowd/serviceability';
import { ShippingHttpModule } from '@shipcrowd/shipping';
import { WarehousesHttpModule } from '@shipcrowd/warehouses';

/** Everything the HTTP process serves. PlatformModule (global) is added by the process root. */
@Module({
  imports: [
    HealthModule,
    MetricsModule,
    BullBoardModule,
    AuditHttpModule,
    IdentityModule,
    StorageModule,
    CompaniesHttpModule,
    GeoHttpModule,
    ServiceabilityHttpModule,
    PricingHttpModule,
    WarehousesHttpModule,
    OrdersHttpModule,
    OrderImportsHttpModule,
    CouriersModule,
    CouriersHttpModule,
    ShippingHttpModule,
  ],
})
export class ApiModule {}
