import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Job, Queue } from 'bull';
import { CronJob, CronTime } from 'cron';
import { APP_CONFIG, AppConfig } from '../config/config.schema';
import { requestContext } from '../context/request-context';
import { SCHEDULES_QUEUE } from '../queues/queue-names';
import { ScheduleRegistry } from './schedule-registry';
import { scheduledSlot, scheduleJobId } from './schedule-slot';
import { SCHEDULED, ScheduleOptions } from './schedule.types';

interface ScheduledJobData {
  name: string;
  slot: string;
}

/** Completed runs are kept this long: a late worker re-adding the same slot finds the id taken. */
const KEEP_COMPLETED_SECONDS = 3 * 24 * 3600;

/**
 * Turns cron ticks into Bull jobs with deterministic ids and runs them. Two workers firing the same slot add
 * the same job id; Bull keeps the first and ignores the second, so each slot runs once across the fleet.
 */
@Injectable()
export class SchedulesRunner implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('schedules');
  private readonly crons: string[] = [];

  constructor(
    private readonly registry: ScheduleRegistry,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly scheduler: SchedulerRegistry,
    @InjectQueue(SCHEDULES_QUEUE) private readonly queue: Queue<ScheduledJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const options = this.reflector.get<ScheduleOptions | undefined>(SCHEDULED, prototype[method]);
        if (!options) continue;
        this.registry.register({ ...options, handler: (slot) => (instance[method] as (slot: Date) => Promise<unknown>).call(instance, slot) });
      }
    }
  }

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULES_ENABLED) return;
    void this.queue.process('*', 1, (job: Job<ScheduledJobData>) => this.run(job));
    for (const definition of this.registry.list()) {
      const cronTime = new CronTime(definition.cron, definition.timeZone ?? 'UTC');
      const job = CronJob.from({
        cronTime: definition.cron,
        timeZone: definition.timeZone ?? 'UTC',
        start: false,
        onTick: () => {
          void this.enqueue(definition.name, scheduledSlot(cronTime, new Date())).catch((error) => this.logger.error({ err: error, schedule: definition.name }, 'could not enqueue scheduled run'));
        },
      });
      const key = `shipcrowd:${definition.name}`;
      this.scheduler.addCronJob(key, job as never);
      this.crons.push(key);
      job.start();
    }
    this.logger.log({ msg: 'schedules started', schedules: this.registry.list().map((d) => `${d.name} (${d.cron})`) });
  }

  /** Enqueues the run of `name` for `slot`; a second call for the same slot is a no-op. Returns the job id. */
  async enqueue(name: string, slot: Date): Promise<string> {
    if (!this.registry.get(name)) throw new Error(`unknown schedule '${name}'`);
    const jobId = scheduleJobId(name, slot);
    await this.queue.add(name, { name, slot: slot.toISOString() }, { jobId, attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: { age: KEEP_COMPLETED_SECONDS }, removeOnFail: { age: 7 * 24 * 3600 } });
    return jobId;
  }

  /** Stops the crons (graceful shutdown): no new runs are enqueued by this process. */
  stop(): void {
    for (const key of this.crons.splice(0)) {
      try {
        this.scheduler.deleteCronJob(key);
      } catch {
        // already removed by the schedule module's own shutdown
      }
    }
  }

  private async run(job: Job<ScheduledJobData>): Promise<void> {
    const definition = this.registry.get(job.data.name);
    if (!definition) throw new Error(`no handler for schedule '${job.data.name}' in this worker`);
    const started = Date.now();
    await requestContext.run({ requestId: String(job.id) }, () => definition.handler(new Date(job.data.slot)));
    this.logger.log({ msg: 'scheduled run finished', schedule: job.data.name, slot: job.data.slot, ms: Date.now() - started });
  }
}
