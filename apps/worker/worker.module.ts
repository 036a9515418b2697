import { Module } from '@nestjs/common';
import { AuditJobsModule } from '@shipcrowd/audit';
import { CompaniesJobsModule } from '@shipcrowd/companies';
import { GeoJobsModule } from '@shipcrowd/geo';
import { IdentityJobsModule } from '@shipcrowd/identity';
import { OutboxRelayModule, SchedulesModule, StorageModule } from '@shipcrowd/platform';

/** Everything the background process runs: outbox relay, queue processors, schedules. */
@Module({
  imports: [OutboxRelayModule, SchedulesModule, AuditJobsModule, StorageModule, CompaniesJobsModule, IdentityJobsModule, GeoJobsModule],
})
export class WorkerModule {}
