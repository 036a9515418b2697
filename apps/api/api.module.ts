import { Module } from '@nestjs/common';
import { AuditHttpModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { GeoHttpModule } from '@shipcrowd/geo';
import { IdentityModule } from '@shipcrowd/identity';
import { BullBoardModule, HealthModule, MetricsModule, StorageModule } from '@shipcrowd/platform';

/** Everything the HTTP process serves. PlatformModule (global) is added by the process root. */
@Module({
  imports: [HealthModule, MetricsModule, BullBoardModule, AuditHttpModule, IdentityModule, StorageModule, CompaniesHttpModule, GeoHttpModule],
})
export class ApiModule {}
