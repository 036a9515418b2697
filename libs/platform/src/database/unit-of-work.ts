import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { DomainEvent } from '@shipcrowd/kernel';
import { DATABASE, DatabaseHandle, Tx } from './database.types';

/** Whose data a transaction may touch. Row-level security reads these settings. */
export interface TenantScope {
  companyId?: string | null;
  userId?: string | null;
  /** Cross-tenant system work (relay, schedules, platform admin). Say it explicitly; never the default. */
  system?: boolean;
}

interface ActiveUnit {
  tx: Tx;
  scope: TenantScope;
}

/**
 * One transaction per command. Repositories find the open transaction here; the events they
 * save go to the outbox in the same transaction, so state and events commit or fail together.
 */
@Injectable()
export class UnitOfWork {
  private readonly active = new AsyncLocalStorage<ActiveUnit>();

  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  /** Runs `work` in a transaction bound to `scope`; joins the caller's transaction when already inside one with the same scope. */
  async run<T>(scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
    const current = this.active.getStore();
    if (current && sameScope(current.scope, scope)) return work(current.tx);
    return this.database.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.company_id', ${scope.companyId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true), set_config('app.system', ${scope.system ? 'on' : 'off'}, true)`,
      );
      return this.active.run({ tx, scope }, () => work(tx));
    });
  }

  /** The open transaction; repositories call this, so a write outside a unit of work fails loudly. */
  tx(): Tx {
    const current = this.active.getStore();
    if (!current) throw new Error('No unit of work is open: wrap the command handler in UnitOfWork.run()');
    return current.tx;
  }

  scope(): TenantScope | undefined {
    return this.active.getStore()?.scope;
  }

  /**
   * Writes events to the outbox inside the open transaction: one statement whatever the count, with the rows
   * sent as one JSON parameter (a bulk import publishes 10,000 events; six bind parameters each would be slow).
   * Rows keep the given order, so `sequence` follows it.
   */
  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((e) => ({ id: e.eventId, type: e.type, aggregate_id: e.aggregateId, company_id: e.companyId, payload: e.payload, occurred_at: e.occurredAt }));
    await this.tx().execute(sql`
      insert into platform.outbox (id, type, aggregate_id, company_id, payload, occurred_at)
      select id, type, aggregate_id, company_id, payload, occurred_at
      from json_populate_recordset(null::platform.outbox, ${JSON.stringify(rows)}::json) with ordinality as r
      order by ordinality`);
  }
}

/**
 * Whether `inner` may join the open transaction of `outer`: same company and system flag, and the same user or none
 * named (a facade called inside a user's command asks for the company only; it must join, not open a second
 * transaction — on PGlite's single connection that would wait for ever).
 */
function sameScope(outer: TenantScope, inner: TenantScope): boolean {
  const sameUser = inner.userId == null || (outer.userId ?? null) === inner.userId;
  return (outer.companyId ?? null) === (inner.companyId ?? null) && sameUser && !!outer.system === !!inner.system;
}
