import { Module } from '@nestjs/common';
import { OutboxRelayModule } from '@shipcrowd/platform';

/** Everything the background process runs: outbox relay, queue processors, schedules. */
@Module({
  imports: [OutboxRelayModule],
})
export class WorkerModule {}
