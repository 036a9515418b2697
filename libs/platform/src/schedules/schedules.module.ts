import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { SCHEDULES_QUEUE } from '../queues/queue-names';
import { PlatformSchedules } from './platform-schedules';
import { ScheduleRegistry } from './schedule-registry';
import { SchedulesRunner } from './schedules.runner';

/**
 * The worker's schedules: @Scheduled methods of any provider in the process, plus the platform's own
 * house-keeping. SCHEDULES_ENABLED=false leaves crons and the schedules queue idle.
 */
@Module({
  imports: [ScheduleModule.forRoot(), DiscoveryModule, BullModule.registerQueue({ name: SCHEDULES_QUEUE })],
  providers: [ScheduleRegistry, SchedulesRunner, PlatformSchedules],
  exports: [ScheduleRegistry, SchedulesRunner],
})
export class SchedulesModule {}
