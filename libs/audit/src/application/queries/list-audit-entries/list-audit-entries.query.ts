import type { AuditLogFilter } from '../../../domain/audit-log.repository';

/**
 * A page of entries, newest first. `companyId` in the filter is the reader's company for tenants;
 * `asPlatformAdmin` reads with system scope (any chain, including the platform chain).
 */
export class ListAuditEntriesQuery {
  constructor(
    readonly filter: AuditLogFilter,
    readonly reader: { userId: string; companyId: string | null; asPlatformAdmin: boolean },
    readonly limit: number,
    readonly beforeId?: string,
  ) {}
}

/** Every entry matching the filter, newest first, read page by page (CSV export). */
export class StreamAuditEntriesQuery {
  constructor(
    readonly filter: AuditLogFilter,
    readonly reader: { userId: string; companyId: string | null; asPlatformAdmin: boolean },
    readonly maxRows: number,
  ) {}
}
