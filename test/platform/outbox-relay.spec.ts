import Redis from 'ioredis';
import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import { domainEvent, DomainEvent, newId } from '@shipcrowd/kernel';
import {
  EventSubscribers,
  IntegrationEvent,
  Metrics,
  OutboxRelay,
  OutboxRelayModule,
  queryRows,
  UnitOfWork,
} from '@shipcrowd/platform';
import { createTestApp, TestApp, testDatabaseKind } from '@shipcrowd/platform/testing';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Outbox relay', () => {
  let t: TestApp;
  let uow: UnitOfWork;
  let subscribers: EventSubscribers;
  let redis: Redis;

  beforeAll(async () => {
    t = await createTestApp({ imports: [OutboxRelayModule] });
    uow = t.get(UnitOfWork);
    subscribers = t.get(EventSubscribers);
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
  });

  /** A relay as a freshly started worker would have it (same providers, new instance). */
  const freshRelay = () => new OutboxRelay(uow, subscribers, t.get(Metrics));

  const events = (type: string, n: number, companyId: string | null = null): DomainEvent[] =>
    Array.from({ length: n }, (_, i) => domainEvent(type, newId(), companyId, { i }));

  const commit = (list: DomainEvent[]) => uow.run({ system: true }, () => uow.publish(list));

  const outboxRow = async (id: string) => {
    const [row] = await queryRows<{ published: boolean; attempts: number; last_error: string | null; due_in: number | null }>(
      t.database.db,
      sql`select published_at is not null as published, attempts, last_error,
                 extract(epoch from claimed_until - now())::float8 as due_in
          from platform.outbox where id = ${id}`,
    );
    return row;
  };

  /** Counts handler runs per event, like a consumer with a side effect would. */
  function countingConsumer(type: string, consumer: string, before?: (event: IntegrationEvent, run: number) => Promise<void> | void) {
    const runs = new Map<string, number>();
    let total = 0;
    subscribers.subscribe(type, consumer, async (event) => {
      total += 1;
      await before?.(event, total);
      runs.set(event.eventId, (runs.get(event.eventId) ?? 0) + 1);
    });
    return { runs, total: () => total };
  }

  it('relays committed events to their consumers, rolled-back ones never, and leaves nothing behind in Redis', async () => {
    const type = 'test.relay.basic';
    const seen = countingConsumer(type, 'basic-consumer');
    const received: IntegrationEvent[] = [];
    subscribers.subscribe(type, 'basic-recorder', async (event) => {
      received.push(event);
    });
    const committed = events(type, 3, newId());
    await commit(committed);
    const rolledBack = events(type, 1);
    await expect(
      uow.run({ system: true }, async () => {
        await uow.publish(rolledBack);
        throw new Error('command failed after publishing');
      }),
    ).rejects.toThrow('command failed');

    const relay = freshRelay();
    expect(await relay.drain()).toBe(3);
    expect([...seen.runs.keys()].sort()).toEqual(committed.map((e) => e.eventId).sort());
    expect(seen.runs.has(rolledBack[0].eventId)).toBe(false);
    for (const e of committed) {
      expect((await outboxRow(e.eventId)).published).toBe(true);
      expect(received.find((r) => r.eventId === e.eventId)).toMatchObject({ eventId: e.eventId, type, aggregateId: e.aggregateId, companyId: e.companyId, payload: e.payload });
    }
    expect(await outboxRow(rolledBack[0].eventId)).toBeUndefined();
    // Events are not parked in a queue nobody processes (they used to pile up in Redis as Bull jobs, never removed).
    expect(await redis.keys(`${t.queuePrefix}:integration-events:*`)).toEqual([]);
    expect(await subscribers.handledCount('basic-consumer')).toBe(3);
    expect(await relay.drain()).toBe(0);
  });

  it('delivers in commit order', async () => {
    const type = 'test.relay.order';
    const order: number[] = [];
    subscribers.subscribe(type, 'order-consumer', async (event) => {
      order.push(event.payload.i as number);
    });
    // Ids are random-ish relative to commit order here: commit them in reverse of their creation.
    const list = events(type, 6);
    for (const e of [...list].reverse()) await commit([e]);
    await freshRelay().drain();
    expect(order).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it('survives a relay stopped mid-batch: a fresh relay finishes, every event handled exactly once', async () => {
    const type = 'test.relay.stop';
    const first = freshRelay();
    const seen = countingConsumer(type, 'stop-consumer', (_event, run) => {
      if (run === 4) void first.stop(); // the worker is shutting down while consumer 4 runs
    });
    const list = events(type, 10);
    await commit(list);

    const publishedByFirst = await first.drain({ batchSize: 10 });
    expect(publishedByFirst).toBe(4);
    // The 6 undelivered rows were released, not left claimed until the claim expires.
    const claimed = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from platform.outbox where type = ${type} and published_at is null and claimed_until > now()`,
    );
    expect(claimed[0].n).toBe(0);

    const second = freshRelay();
    expect(await second.drain({ batchSize: 3 })).toBe(6);
    expect(seen.runs.size).toBe(10);
    expect([...seen.runs.values()].every((n) => n === 1)).toBe(true);
    expect(await subscribers.handledCount('stop-consumer')).toBe(10);
  });

  it('redelivers after a crash (claims expire; unpublished rows come back) and the inbox keeps the effect exactly once', async () => {
    const type = 'test.relay.crash';
    const seen = countingConsumer(type, 'crash-consumer');
    const list = events(type, 5);
    await commit(list);
    const ids = list.map((e) => `'${e.eventId}'`).join(',');

    // A relay claimed the rows and died: nobody may take them until the claim expires.
    await t.database.ownerExec(`update platform.outbox set claimed_until = now() + interval '30 seconds' where id in (${ids})`);
    expect(await freshRelay().drain()).toBe(0);
    await t.database.ownerExec(`update platform.outbox set claimed_until = now() - interval '1 second' where id in (${ids})`);
    expect(await freshRelay().drain()).toBe(5);
    expect(seen.total()).toBe(5);

    // A relay crashed after its consumers ran but before it marked the rows published: they are delivered again…
    await t.database.ownerExec(`update platform.outbox set published_at = null, claimed_until = null where id in (${ids})`);
    const dispatched: string[] = [];
    expect(await freshRelay().relayBatch({}, (e) => dispatched.push(e.eventId))).toBe(5);
    expect(dispatched.sort()).toEqual(list.map((e) => e.eventId).sort());
    // …but the handler did not run twice (inbox).
    expect(seen.total()).toBe(5);
    expect(await subscribers.handledCount('crash-consumer')).toBe(5);
  });

  it('retries a failing consumer with backoff and does not re-run the consumers that succeeded', async () => {
    const type = 'test.relay.retry';
    const good = countingConsumer(type, 'retry-good');
    let failuresLeft = 2;
    const flaky = countingConsumer(type, 'retry-flaky', () => {
      if (failuresLeft-- > 0) throw new Error('courier API timed out');
    });
    const [event] = events(type, 1);
    await commit([event]);
    const relay = freshRelay();

    expect(await relay.drain()).toBe(0);
    let row = await outboxRow(event.eventId);
    expect(row).toMatchObject({ published: false, attempts: 1 });
    expect(row.last_error).toContain('courier API timed out');
    expect(row.due_in).toBeGreaterThan(1); // 2 s backoff after the first failure
    expect(row.due_in).toBeLessThanOrEqual(2.5);
    expect(await relay.drain()).toBe(0); // not due yet

    await t.database.ownerExec(`update platform.outbox set claimed_until = now() - interval '1 second' where id = '${event.eventId}'`);
    expect(await relay.drain()).toBe(0);
    row = await outboxRow(event.eventId);
    expect(row.attempts).toBe(2);
    expect(row.due_in).toBeGreaterThan(3); // 4 s after the second
    expect(row.due_in).toBeLessThanOrEqual(4.5);

    await t.database.ownerExec(`update platform.outbox set claimed_until = now() - interval '1 second' where id = '${event.eventId}'`);
    expect(await relay.drain()).toBe(1);
    expect((await outboxRow(event.eventId)).published).toBe(true);
    expect(flaky.total()).toBe(3);
    expect(good.total()).toBe(1);
    expect(await subscribers.handledCount('retry-good')).toBe(1);
    expect(await subscribers.handledCount('retry-flaky')).toBe(1);
  });

  it('delivers more events than one claim holds: every one published, consumers in commit order', async () => {
    const type = 'test.relay.many';
    const order: number[] = [];
    subscribers.subscribe(type, 'many-consumer', async (event) => {
      order.push(event.payload.i as number);
    });
    const list = events(type, 250);
    await commit(list);
    expect(await freshRelay().drain({ batchSize: 100 })).toBe(250);
    expect(order).toEqual(list.map((_, i) => i));
    const [unpublished] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from platform.outbox where type = ${type} and published_at is null`);
    expect(unpublished.n).toBe(0);
  });

  it('runs on the poll loop and stops cleanly', async () => {
    const type = 'test.relay.loop';
    const seen = countingConsumer(type, 'loop-consumer');
    const relay = freshRelay();
    relay.start(20);
    await commit(events(type, 2));
    for (let i = 0; i < 100 && seen.total() < 2; i++) await sleep(20);
    await relay.stop();
    expect(seen.total()).toBe(2);
    await commit(events(type, 1));
    await sleep(100);
    expect(seen.total()).toBe(2); // stopped: nothing more is relayed
    expect(await freshRelay().drain()).toBe(1);
  });

  it('never lets two relays deliver the same row at the same time', async () => {
    const type = 'test.relay.concurrent';
    const inFlight = new Set<string>();
    const deliveries = new Map<string, number>();
    let overlaps = 0;
    subscribers.subscribe(type, 'concurrent-consumer', async (event) => {
      if (inFlight.has(event.eventId)) overlaps += 1;
      inFlight.add(event.eventId);
      await sleep(3);
      inFlight.delete(event.eventId);
      deliveries.set(event.eventId, (deliveries.get(event.eventId) ?? 0) + 1);
    });
    const list = events(type, 40);
    await commit(list);

    const a = freshRelay();
    const b = freshRelay();
    const byA: string[] = [];
    const byB: string[] = [];
    const run = (relay: OutboxRelay, into: string[]) => relay.drain({ batchSize: 4 }).then((n) => into.push(...Array(n).fill('x')));
    if (testDatabaseKind() === 'pg') {
      await Promise.all([run(a, byA), run(b, byB)]);
      expect(byA.length).toBeGreaterThan(0);
      expect(byB.length).toBeGreaterThan(0);
    } else {
      // PGlite is one connection: relays there run one after the other.
      await a.relayBatch({ batchSize: 15 }).then((n) => byA.push(...Array(n).fill('x')));
      await run(b, byB);
    }
    expect(byA.length + byB.length).toBe(40);
    expect(overlaps).toBe(0);
    expect(deliveries.size).toBe(40);
    expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
  });

  it('skips rows another transaction holds instead of waiting for them (SKIP LOCKED; server only: PGlite has one session)', async () => {
    if (testDatabaseKind() !== 'pg') return expect(testDatabaseKind()).toBe('pglite');
    const type = 'test.relay.locked';
    const seen = countingConsumer(type, 'locked-consumer');
    const list = events(type, 4);
    await commit(list);
    const locker = new Client({ connectionString: (t.database as unknown as { url: string }).url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query(`select id from platform.outbox where id in ($1, $2) for update`, [list[0].eventId, list[1].eventId]);
      const started = Date.now();
      expect(await freshRelay().drain()).toBe(2);
      expect(Date.now() - started).toBeLessThan(2000);
      expect([...seen.runs.keys()].sort()).toEqual([list[2].eventId, list[3].eventId].sort());
      await locker.query('commit');
      expect(await freshRelay().drain()).toBe(2);
      expect(seen.runs.size).toBe(4);
    } finally {
      await locker.end();
    }
  });
});
