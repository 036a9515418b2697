import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Queue } from 'bull';

/** Every Bull queue provider in the process (one per queue name; contexts may register a queue in several modules). */
@Injectable()
export class QueueDiscovery {
  constructor(private readonly discovery: DiscoveryService) {}

  queues(): Queue[] {
    const byName = new Map<string, Queue>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (isBullQueue(instance) && !byName.has(instance.name)) byName.set(instance.name, instance);
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every queue instance, including several of one name (shutdown closes each). */
  allInstances(): Queue[] {
    return this.discovery.getProviders().map((w) => w.instance as unknown).filter(isBullQueue);
  }
}

function isBullQueue(value: unknown): value is Queue {
  if (!value || typeof value !== 'object') return false;
  const q = value as Partial<Queue> & { keyPrefix?: unknown };
  return typeof q.name === 'string' && typeof q.getJobCounts === 'function' && typeof q.process === 'function' && typeof q.close === 'function';
}
