import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type Redis from 'ioredis';
import { DATABASE, DatabaseHandle } from '../database/database.types';
import { QueueDiscovery } from '../metrics/queue-discovery';
import { OutboxRelay } from '../outbox/outbox-relay';
import { REDIS } from '../redis/redis';
import { SchedulesRunner } from '../schedules/schedules.runner';

export const PLATFORM_OWNS_DATABASE = 'PLATFORM_OWNS_DATABASE';

/**
 * Closes the process in dependency order once Nest has stopped the HTTP server (Fastify close lets in-flight
 * requests finish): crons stop enqueuing, the outbox relay finishes its pass, every Bull queue closes (waiting
 * for this process's active jobs), and only then Redis and the database close. Nest would otherwise run
 * shutdown hooks module by module, closing the platform's connections before deeper modules are done.
 */
@Injectable()
export class ShutdownCoordinator implements OnApplicationShutdown {
  private readonly logger = new Logger('shutdown');

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PLATFORM_OWNS_DATABASE) private readonly ownsDatabase: boolean,
  ) {}

  async onApplicationShutdown(signal?: string): Promise<void> {
    const instances = this.discovery.getProviders().map((w) => w.instance as unknown);
    for (const runner of instances.filter((i): i is SchedulesRunner => i instanceof SchedulesRunner)) runner.stop();
    await Promise.all(instances.filter((i): i is OutboxRelay => i instanceof OutboxRelay).map((relay) => this.step('outbox relay', () => relay.stop())));
    await Promise.all(new QueueDiscovery(this.discovery).allInstances().map((queue) => this.step(`queue ${queue.name}`, () => queue.close())));
    this.redis.disconnect();
    if (this.ownsDatabase) await this.step('database', () => this.database.close());
    this.logger.log({ msg: 'connections closed', signal: signal ?? null });
  }

  private async step(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn({ err: error, what }, 'could not close cleanly');
    }
  }
}
