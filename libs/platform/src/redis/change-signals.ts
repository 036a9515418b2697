import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config.schema';
import { REDIS } from './redis';

/** `subject` names what changed inside the topic (a company id, a pincode ...); null means "anything in the topic". */
export type ChangeListener = (subject: string | null) => void;

interface SignalMessage {
  topic: string;
  subject: string | null;
  from: string;
}

/** Every ChangeSignals of this process per channel, so apps sharing a process (tests, `npm start`) hear each other at once. */
const localPeers = new Map<string, Set<ChangeSignals>>();

/**
 * "Reference data X changed" fan-out for in-process caches (hot-path reads such as zones, coverage and rate cards):
 * a writer calls `changed(topic, subject)` after its transaction commits; every process hears it through one Redis
 * pub/sub channel and listeners drop what they cached. Delivery is at most once, so on every (re)connection of the
 * subscriber each listener is told that everything may have changed (subject null), the same rule the session
 * revocation mirror follows. Within a process delivery is synchronous, so a writer reads its own writes.
 */
@Injectable()
export class ChangeSignals implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ChangeSignals.name);
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private readonly id = randomUUID();
  private subscriber?: Redis;
  private readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.QUEUE_PREFIX}:changes`;
  }

  async onModuleInit(): Promise<void> {
    peersOf(this.channel).add(this);
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, raw: string) => this.receive(raw));
    // A (re)connection may have missed messages: everything cached may be stale.
    this.subscriber.on('ready', () => this.notifyAll(null));
    this.subscriber.on('error', (error: Error) => this.logger.warn(`change signals subscriber: ${error.message}`));
    await this.subscriber.subscribe(this.channel);
  }

  onModuleDestroy(): void {
    peersOf(this.channel).delete(this);
    this.subscriber?.disconnect();
  }

  /** Listens to one topic; returns the function that stops listening. */
  on(topic: string, listener: ChangeListener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Call AFTER the change committed. Local listeners (this process) hear it before this returns. */
  async changed(topic: string, subject: string | null = null): Promise<void> {
    for (const peer of peersOf(this.channel)) peer.notify(topic, subject);
    const message: SignalMessage = { topic, subject, from: this.id };
    await this.redis.publish(this.channel, JSON.stringify(message));
  }

  private receive(raw: string): void {
    let message: SignalMessage;
    try {
      message = JSON.parse(raw) as SignalMessage;
    } catch {
      return;
    }
    // Peers in this process were told synchronously by the sender.
    if ([...peersOf(this.channel)].some((peer) => peer.id === message.from)) return;
    this.notify(message.topic, message.subject);
  }

  private notify(topic: string, subject: string | null): void {
    for (const listener of this.listeners.get(topic) ?? []) listener(subject);
  }

  private notifyAll(subject: string | null): void {
    for (const set of this.listeners.values()) for (const listener of set) listener(subject);
  }
}

function peersOf(channel: string): Set<ChangeSignals> {
  let set = localPeers.get(channel);
  if (!set) localPeers.set(channel, (set = new Set()));
  return set;
}

/**
 * A bounded in-process read-through cache dropped by change signals. A load that was running when a signal arrived
 * is returned to its caller but not kept (it may have read the old data), so a signal is never lost to a race.
 * `subjectOf(key)` says which subject a key belongs to; a signal for another subject leaves the key alone.
 */
export class SignalledCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private generation = 0;
  private readonly inflight = new Map<string, Promise<V>>();

  constructor(
    signals: ChangeSignals,
    topics: readonly string[],
    private readonly options: { maxEntries: number; ttlMs?: number; subjectOf?: (key: string) => string | null },
  ) {
    for (const topic of topics) signals.on(topic, (subject) => this.drop(subject));
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value, else `load()`'s (concurrent callers of one key share one load). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return Promise.resolve(hit.value);
    const running = this.inflight.get(key);
    if (running) return running;
    const started = this.generation;
    const settle = () => {
      if (this.inflight.get(key) === loading) this.inflight.delete(key);
    };
    const loading: Promise<V> = load().then(
      (value) => {
        settle();
        if (started === this.generation) this.keep(key, value);
        return value;
      },
      (error: unknown) => {
        settle();
        throw error;
      },
    );
    this.inflight.set(key, loading);
    return loading;
  }

  /** The cached value or undefined, without loading. */
  peek(key: string): V | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expiresAt > Date.now() ? hit.value : undefined;
  }

  set(key: string, value: V): void {
    this.keep(key, value);
  }

  private keep(key: string, value: V): void {
    if (this.entries.size >= this.options.maxEntries) {
      // Oldest first: a Map iterates in insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.options.ttlMs ? Date.now() + this.options.ttlMs : Number.POSITIVE_INFINITY });
  }

  private drop(subject: string | null): void {
    this.generation++;
    this.inflight.clear();
    if (subject === null || !this.options.subjectOf) {
      this.entries.clear();
      return;
    }
    for (const key of this.entries.keys()) {
      const owner = this.options.subjectOf(key);
      if (owner === null || owner === subject) this.entries.delete(key);
    }
  }
}

/**
 * A shared counter in Redis (`key`) that moves after every committed change of some reference data; caches key their
 * entries by it. Each process mirrors the number and re-reads it only after a change signal on `topic`, so reading
 * it costs no round trip. A missing key starts at the current time in ms, so a flushed Redis never hands out a number
 * already used.
 */
export class RevisionCounter {
  private readonly mirror: SignalledCache<number>;

  constructor(
    private readonly redis: Redis,
    private readonly signals: ChangeSignals,
    private readonly key: string,
    private readonly topic: string,
  ) {
    this.mirror = new SignalledCache(signals, [topic], { maxEntries: 1 });
  }

  current(): Promise<number> {
    return this.mirror.get(this.key, () => this.read());
  }

  /** Call AFTER the change committed: every process's mirror (and the caches listening to `topic`) drop at once. */
  async bump(): Promise<number> {
    await this.read();
    const next = await this.redis.incr(this.key);
    await this.signals.changed(this.topic);
    return next;
  }

  private async read(): Promise<number> {
    const value = await this.redis.get(this.key);
    if (value !== null) return Number(value);
    await this.redis.set(this.key, String(Date.now()), 'NX');
    return Number(await this.redis.get(this.key));
  }
}
