import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Queue } from 'bull';
import { sql } from 'drizzle-orm';
import Redis from 'ioredis';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { newId } from '@shipcrowd/kernel';
import { Metrics, PlatformModule, queryRows, Scheduled, ScheduleRegistry, SCHEDULES_QUEUE, SchedulesRunner, UnitOfWork } from '@shipcrowd/platform';
import { createTestDatabase } from '@shipcrowd/platform/testing';
import { WorkerModule } from '../../apps/worker/worker.module';

const runs: string[] = [];

@Injectable()
class TestSchedules {
  @Scheduled({ name: 'test.every-second', cron: '* * * * * *' })
  async everySecond(slot: Date): Promise<void> {
    runs.push(`every-second@${slot.toISOString()}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }

  @Scheduled({ name: 'test.yearly', cron: '0 0 0 1 1 *' })
  async yearly(slot: Date): Promise<void> {
    runs.push(`yearly@${slot.toISOString()}`);
  }
}

@Module({ providers: [TestSchedules] })
class TestSchedulesModule {}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('schedules across two worker processes', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = `test-${randomBytes(5).toString('hex')}`;
  let a: INestApplicationContext;
  let b: INestApplicationContext;

  const worker = async (env: Record<string, string>) => {
    @Module({ imports: [PlatformModule.forRoot({ database, env: { QUEUE_PREFIX: prefix, ...env } }), WorkerModule, TestSchedulesModule] })
    class WorkerRoot {}
    const app = await NestFactory.createApplicationContext(WorkerRoot, { logger: false });
    await app.init();
    return app;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    [a, b] = await Promise.all([worker({ SCHEDULES_ENABLED: 'true' }), worker({ SCHEDULES_ENABLED: 'true' })]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await database.close();
    await deleteKeys(prefix);
  });

  it('registers declared schedules, including the platform and audit ones', () => {
    const names = a.get(ScheduleRegistry).list().map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['outbox.prune-published', 'idempotency.prune-expired', 'audit.verify-chains', 'test.every-second', 'test.yearly']));
    expect([...a.get(SchedulerRegistry).getCronJobs().keys()]).toContain('shipcrowd:audit.verify-chains');
  });

  it('runs each cron slot exactly once although both workers fire it', async () => {
    const enqueued: Record<'a' | 'b', string[]> = { a: [], b: [] };
    for (const [key, app] of [['a', a], ['b', b]] as const) {
      const runner = app.get(SchedulesRunner);
      const original = runner.enqueue.bind(runner);
      jest.spyOn(runner, 'enqueue').mockImplementation(async (name, slot) => {
        if (name === 'test.every-second') enqueued[key].push(slot.toISOString());
        return original(name, slot);
      });
    }
    await until(() => enqueued.a.filter((s) => enqueued.b.includes(s)).length >= 3);
    const shared = enqueued.a.filter((s) => enqueued.b.includes(s)).slice(0, 3);
    await until(() => shared.every((slot) => runs.includes(`every-second@${slot}`)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const slot of shared) expect(runs.filter((r) => r === `every-second@${slot}`)).toHaveLength(1);
    const ticks = runs.filter((r) => r.startsWith('every-second@'));
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('dedupes an explicitly enqueued slot by its deterministic job id', async () => {
    const slot = new Date('2030-01-01T00:00:00.000Z');
    const ids = await Promise.all([a.get(SchedulesRunner).enqueue('test.yearly', slot), b.get(SchedulesRunner).enqueue('test.yearly', slot)]);
    expect(ids).toEqual(['test.yearly:2030-01-01T00:00:00.000Z', 'test.yearly:2030-01-01T00:00:00.000Z']);
    await until(() => runs.includes('yearly@2030-01-01T00:00:00.000Z'));
    const queue = a.get<Queue>(getQueueToken(SCHEDULES_QUEUE), { strict: false });
    await until(async () => (await queue.getJob(ids[0]))?.finishedOn !== undefined);
    // Re-adding a slot that already ran is ignored too (completed jobs are kept for days).
    await b.get(SchedulesRunner).enqueue('test.yearly', slot);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs.filter((r) => r === 'yearly@2030-01-01T00:00:00.000Z')).toHaveLength(1);
  });

  it('prunes published outbox rows older than 7 days and expired idempotency keys', async () => {
    const uow = a.get(UnitOfWork);
    const [old, recent, pending] = [newId(), newId(), newId()];
    await uow.run({ system: true }, async (tx) => {
      await tx.execute(sql`insert into platform.outbox (id, type, aggregate_id, payload, occurred_at, published_at) values
        (${old}, 't.x', 'a', '{}', now(), now() - interval '8 days'),
        (${recent}, 't.x', 'a', '{}', now(), now() - interval '6 days'),
        (${pending}, 't.x', 'a', '{}', now() - interval '30 days', null)`);
      await tx.execute(sql`insert into platform.idempotency_keys (scope, key, method, path, request_hash, state, expires_at) values
        ('c1', 'expired', 'POST', '/v1/x', 'h', 'completed', now() - interval '1 minute'),
        ('c1', 'live', 'POST', '/v1/x', 'h', 'completed', now() + interval '1 hour')`);
    });
    const now = new Date();
    await a.get(SchedulesRunner).enqueue('outbox.prune-published', now);
    await b.get(SchedulesRunner).enqueue('idempotency.prune-expired', now);
    const remaining = () =>
      uow.run({ system: true }, async (tx) => ({
        outbox: (await queryRows<{ id: string }>(tx, sql`select id from platform.outbox order by id`)).map((r) => r.id),
        keys: (await queryRows<{ key: string }>(tx, sql`select key from platform.idempotency_keys`)).map((r) => r.key),
      }));
    await until(async () => {
      const left = await remaining();
      return left.outbox.length === 2 && left.keys.length === 1;
    });
    expect(await remaining()).toEqual({ outbox: [recent, pending].sort(), keys: ['live'] });
  });

  it('audit.verify-chains records tampering on the platform chain and raises the gauge', async () => {
    const uow = a.get(UnitOfWork);
    const company = newId();
    const audit = a.get<AuditTrail>(AUDIT_TRAIL);
    for (let i = 0; i < 3; i++) await uow.run({ companyId: company }, () => audit.record({ action: 'test.step_done', companyId: company, actorUserId: null, metadata: { i } }));
    await database.ownerExec(`update audit.audit_log set metadata = '{"i": 42}' where company_id = '${company}' and seq = 3`);

    await b.get(SchedulesRunner).enqueue('audit.verify-chains', new Date());
    const alerts = () => uow.run({ system: true }, (tx) => queryRows<{ target_id: string; metadata: { seq: number; reason: string } }>(tx, sql`select target_id, metadata from audit.audit_log where action = 'audit.chain_broken'`));
    await until(async () => (await alerts()).length > 0);
    expect(await alerts()).toEqual([{ target_id: company, metadata: expect.objectContaining({ seq: 3, reason: 'hash_mismatch' }) }]);
    const metrics = await Promise.all([a, b].map((app) => app.get(Metrics).registry.getSingleMetricAsString('audit_chains_broken')));
    expect(metrics.some((text) => /^audit_chains_broken 1$/m.test(text))).toBe(true);
  });

  it('SCHEDULES_ENABLED=false starts no crons and leaves the schedules queue unprocessed', async () => {
    const otherPrefix = `test-${randomBytes(5).toString('hex')}`;
    @Module({ imports: [PlatformModule.forRoot({ database, env: { QUEUE_PREFIX: otherPrefix, SCHEDULES_ENABLED: 'false' } }), WorkerModule, TestSchedulesModule] })
    class DisabledRoot {}
    const app = await NestFactory.createApplicationContext(DisabledRoot, { logger: false });
    try {
      await app.init();
      expect(app.get(SchedulerRegistry).getCronJobs().size).toBe(0);
      const id = await app.get(SchedulesRunner).enqueue('test.yearly', new Date('2031-01-01T00:00:00Z'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const queue = app.get<Queue>(getQueueToken(SCHEDULES_QUEUE), { strict: false });
      expect(await (await queue.getJob(id))?.getState()).toBe('waiting');
      expect(runs).not.toContain('yearly@2031-01-01T00:00:00.000Z');
    } finally {
      await app.close();
      await deleteKeys(otherPrefix);
    }
  });
});
