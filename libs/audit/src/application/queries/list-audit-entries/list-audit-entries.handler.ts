import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TenantScope, UnitOfWork } from '@shipcrowd/platform';
import type { StoredAuditEntry } from '../../../domain/audit-chain';
import { AuditLogRepository } from '../../../domain/audit-log.repository';
import { ListAuditEntriesQuery, StreamAuditEntriesQuery } from './list-audit-entries.query';

type Reader = ListAuditEntriesQuery['reader'];

function scopeOf(reader: Reader): TenantScope {
  // Tenants read through row-level security bound to their company; platform admins need system scope.
  return reader.asPlatformAdmin ? { system: true, userId: reader.userId } : { companyId: reader.companyId, userId: reader.userId };
}

@QueryHandler(ListAuditEntriesQuery)
export class ListAuditEntriesHandler implements IQueryHandler<ListAuditEntriesQuery, StoredAuditEntry[]> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: AuditLogRepository,
  ) {}

  /** Returns up to limit + 1 rows, so the caller can tell whether there is a next page. */
  execute(query: ListAuditEntriesQuery): Promise<StoredAuditEntry[]> {
    return this.uow.run(scopeOf(query.reader), (tx) => this.repository.page(tx, query.filter, query.limit + 1, query.beforeId));
  }
}

const EXPORT_PAGE = 500;

@QueryHandler(StreamAuditEntriesQuery)
export class StreamAuditEntriesHandler implements IQueryHandler<StreamAuditEntriesQuery, AsyncIterable<StoredAuditEntry>> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: AuditLogRepository,
  ) {}

  async execute(query: StreamAuditEntriesQuery): Promise<AsyncIterable<StoredAuditEntry>> {
    const { uow, repository } = this;
    const scope = scopeOf(query.reader);
    // One short transaction per page: a slow client never holds a transaction (or PGlite's only connection) open.
    return {
      async *[Symbol.asyncIterator]() {
        let beforeId: string | undefined;
        let sent = 0;
        while (sent < query.maxRows) {
          const rows = await uow.run(scope, (tx) => repository.page(tx, query.filter, Math.min(EXPORT_PAGE, query.maxRows - sent), beforeId));
          for (const row of rows) yield row;
          sent += rows.length;
          if (rows.length < EXPORT_PAGE) return;
          beforeId = rows[rows.length - 1].id;
        }
      },
    };
  }
}
