import { Injectable, Logger } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { queryRows } from '../database/rows';
import { UnitOfWork } from '../database/unit-of-work';
import { inbox } from '../persistence/platform.schema';
import { IntegrationEvent, IntegrationEventHandler } from './integration-event';

interface Subscription {
  consumer: string;
  handler: IntegrationEventHandler;
}

/**
 * In-process consumers of integration events. Each handler runs in a unit of work that also
 * writes (event id, consumer) to the inbox, so a redelivered event changes nothing the second time.
 */
@Injectable()
export class EventSubscribers {
  private readonly logger = new Logger('events');
  private readonly byType = new Map<string, Subscription[]>();

  constructor(private readonly uow: UnitOfWork) {}

  subscribe(type: string, consumer: string, handler: IntegrationEventHandler): void {
    const list = this.byType.get(type) ?? [];
    if (list.some((s) => s.consumer === consumer)) throw new Error(`Consumer ${consumer} already subscribes to ${type}`);
    list.push({ consumer, handler });
    this.byType.set(type, list);
  }

  hasSubscribers(type: string): boolean {
    return (this.byType.get(type)?.length ?? 0) > 0;
  }

  /** Delivers to every consumer; throws if any consumer failed (those that succeeded stay recorded in the inbox). */
  async dispatch(event: IntegrationEvent): Promise<void> {
    const failures: unknown[] = [];
    for (const { consumer, handler } of this.byType.get(event.type) ?? []) {
      try {
        await this.handleOnce(event, consumer, handler);
      } catch (error) {
        this.logger.error({ err: error, eventId: event.eventId, consumer }, 'event consumer failed');
        failures.push(error);
      }
    }
    if (failures.length) throw new AggregateError(failures, `${failures.length} consumer(s) failed for ${event.type}`);
  }

  async handleOnce(event: IntegrationEvent, consumer: string, handler: IntegrationEventHandler): Promise<boolean> {
    return this.uow.run({ companyId: event.companyId, system: event.companyId === null }, async (tx) => {
      const claimed = await tx
        .insert(inbox)
        .values({ eventId: event.eventId, consumer })
        .onConflictDoNothing()
        .returning({ eventId: inbox.eventId });
      if (claimed.length === 0) return false;
      await handler(event);
      return true;
    });
  }

  /** How many (event, consumer) pairs have been handled; used by tests and the relay's metrics. */
  async handledCount(consumer: string): Promise<number> {
    return this.uow.run({ system: true }, async (tx) => {
      const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from platform.inbox where consumer = ${consumer}`);
      return row.n;
    });
  }
}
