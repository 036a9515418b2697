import { Injectable, Logger } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { queryRows } from '../database/rows';
import { UnitOfWork } from '../database/unit-of-work';
import { Scheduled } from './schedule.types';

const BATCH = 5_000;
export const PUBLISHED_OUTBOX_RETENTION_DAYS = 7;

/** House-keeping of the platform's own tables, in small batches so no run holds long locks. */
@Injectable()
export class PlatformSchedules {
  private readonly logger = new Logger('schedules');

  constructor(private readonly uow: UnitOfWork) {}

  @Scheduled({ name: 'outbox.prune-published', cron: '0 15 * * * *' })
  async prunePublishedOutbox(slot: Date): Promise<number> {
    const cutoff = new Date(slot.getTime() - PUBLISHED_OUTBOX_RETENTION_DAYS * 24 * 3600 * 1000);
    const deleted = await this.deleteInBatches(
      (limit) => sql`delete from platform.outbox where id in (select id from platform.outbox where published_at is not null and published_at < ${cutoff} limit ${limit}) returning 1 as x`,
    );
    this.logger.log({ msg: 'pruned published outbox events', deleted, cutoff: cutoff.toISOString() });
    return deleted;
  }

  @Scheduled({ name: 'idempotency.prune-expired', cron: '0 45 * * * *' })
  async pruneExpiredIdempotencyKeys(slot: Date): Promise<number> {
    const deleted = await this.deleteInBatches(
      (limit) => sql`delete from platform.idempotency_keys where ctid in (select ctid from platform.idempotency_keys where expires_at < ${slot} limit ${limit}) returning 1 as x`,
    );
    this.logger.log({ msg: 'pruned expired idempotency keys', deleted });
    return deleted;
  }

  private async deleteInBatches(statement: (limit: number) => ReturnType<typeof sql>): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.uow.run({ system: true }, (tx) => queryRows(tx, statement(BATCH)));
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  }
}
