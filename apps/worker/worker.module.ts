import { Module } from '@nestjs/common';
import { AuditJobsModule } from '@shipcrowd/audit';
import { CompaniesModule } from '@shipcrowd/companies';
import { OutboxRelayModule, SchedulesModule, StorageModule } from '@shipcrowd/platform';

/** Everything the background process runs: outbox relay, queue processors, schedules. */
@Module({
  imports: [OutboxRelayModule, SchedulesModule, AuditJobsModule, StorageModule, CompaniesModule],
})
export class WorkerModule {}
