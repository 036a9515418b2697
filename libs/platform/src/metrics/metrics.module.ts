import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { SCHEDULES_QUEUE } from '../queues/queue-names';
import { MetricsController } from './metrics.controller';
import { OperationalMetrics } from './operational-metrics';
import { QueueDiscovery } from './queue-discovery';

/**
 * GET /metrics and the scrape-time gauges. The platform's own queue (schedules) is registered here too, so a process
 * without the worker (the API alone) still reports their depth; contexts' queues are found wherever registered.
 */
@Module({
  imports: [DiscoveryModule, BullModule.registerQueue({ name: SCHEDULES_QUEUE })],
  controllers: [MetricsController],
  providers: [QueueDiscovery, OperationalMetrics],
  exports: [QueueDiscovery],
})
export class MetricsModule {}
