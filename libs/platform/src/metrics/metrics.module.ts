import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { INTEGRATION_EVENTS_QUEUE, SCHEDULES_QUEUE } from '../queues/queue-names';
import { MetricsController } from './metrics.controller';
import { OperationalMetrics } from './operational-metrics';
import { QueueDiscovery } from './queue-discovery';

/**
 * GET /metrics and the scrape-time gauges. The platform's queues are registered here too, so a process
 * without the worker (the API alone) still reports their depth; contexts' queues are found wherever registered.
 */
@Module({
  imports: [DiscoveryModule, BullModule.registerQueue({ name: INTEGRATION_EVENTS_QUEUE }, { name: SCHEDULES_QUEUE })],
  controllers: [MetricsController],
  providers: [QueueDiscovery, OperationalMetrics],
  exports: [QueueDiscovery],
})
export class MetricsModule {}
