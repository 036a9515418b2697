import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { AppConfig, ChangeSignals, RevisionCounter, SignalledCache } from '@shipcrowd/platform';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('platform: change signals for in-process caches', () => {
  const prefix = `test-signals-${randomUUID().slice(0, 8)}`;
  const redis = new Redis(REDIS_URL);
  const config = { QUEUE_PREFIX: prefix } as AppConfig;
  const signals = new ChangeSignals(redis, config);
  const outsider = new Redis(REDIS_URL);

  beforeAll(() => signals.onModuleInit());
  afterAll(async () => {
    signals.onModuleDestroy();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    outsider.disconnect();
  });

  const until = async (check: () => boolean) => {
    const deadline = Date.now() + 5_000;
    while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return check();
  };

  it('tells local listeners before changed() returns, and only those of the topic', async () => {
    const heard: (string | null)[] = [];
    const other: (string | null)[] = [];
    const stop = signals.on('zones', (subject) => heard.push(subject));
    signals.on('cards', (subject) => other.push(subject));
    const pending = signals.changed('zones', 'company-1');
    expect(heard).toEqual(['company-1']);
    await pending;
    stop();
    await signals.changed('zones', 'company-2');
    expect(heard).toEqual(['company-1']);
    expect(other).toEqual([]);
  });

  it('hears a change published by another process through Redis', async () => {
    const heard: (string | null)[] = [];
    signals.on('coverage', (subject) => heard.push(subject));
    await outsider.publish(`${prefix}:changes`, JSON.stringify({ topic: 'coverage', subject: null, from: 'another-process' }));
    expect(await until(() => heard.length === 1)).toBe(true);
    expect(heard).toEqual([null]);
  });

  it('SignalledCache: loads once, serves hits, drops only the signalled subject', async () => {
    let loads = 0;
    const cache = new SignalledCache<string>(signals, ['billing'], { maxEntries: 10, subjectOf: (key) => key.split('|')[0] });
    const load = (value: string) => async () => {
      loads++;
      return value;
    };
    expect(await Promise.all([cache.get('a|1', load('A1')), cache.get('a|1', load('A1-again'))])).toEqual(['A1', 'A1']);
    expect(await cache.get('b|1', load('B1'))).toBe('B1');
    expect(loads).toBe(2);
    await signals.changed('billing', 'a');
    expect(cache.peek('a|1')).toBeUndefined();
    expect(cache.peek('b|1')).toBe('B1');
    expect(await cache.get('a|1', load('A2'))).toBe('A2');
    await signals.changed('billing');
    expect(cache.size).toBe(0);
  });

  it('SignalledCache: a load that a signal overtook is answered but not kept (it may have read old data)', async () => {
    const cache = new SignalledCache<string>(signals, ['rates'], { maxEntries: 10 });
    let release!: (value: string) => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    await signals.changed('rates');
    release('old');
    expect(await slow).toBe('old');
    expect(cache.peek('k')).toBeUndefined();
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('SignalledCache: bounded, oldest out first, and entries expire after ttlMs', async () => {
    const cache = new SignalledCache<number>(signals, ['bounded'], { maxEntries: 2, ttlMs: 50 });
    cache.set('1', 1);
    cache.set('2', 2);
    cache.set('3', 3);
    expect([cache.peek('1'), cache.peek('2'), cache.peek('3')]).toEqual([undefined, 2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(cache.peek('3')).toBeUndefined();
  });

  it('RevisionCounter: read from Redis once, then from memory until a bump anywhere', async () => {
    const key = `${prefix}:revision`;
    const counter = new RevisionCounter(redis, signals, key, 'revision');
    const first = await counter.current();
    expect(first).toBeGreaterThan(0);
    await redis.incr(key); // a write that sends no signal is not seen ...
    expect(await counter.current()).toBe(first);
    await outsider.publish(`${prefix}:changes`, JSON.stringify({ topic: 'revision', subject: null, from: 'another-process' }));
    // ... until the signal arrives; a local bump is seen at once.
    expect(await untilValue(() => counter.current(), first + 1)).toBe(first + 1);
    expect(await counter.bump()).toBe(first + 2);
    expect(await counter.current()).toBe(first + 2);
  });
});

async function untilValue(read: () => Promise<number>, wanted: number): Promise<number> {
  const deadline = Date.now() + 5_000;
  let value = await read();
  while (value !== wanted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = await read();
  }
  return value;
}
