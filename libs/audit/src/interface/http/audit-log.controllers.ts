import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { companyOf, CurrentPrincipal, decodeCursor, encodeCursor, pageLimit, PlatformAdminOnly, Principal, ProblemException, RequirePermissions } from '@shipcrowd/platform';
import { VerificationReport } from '../../application/audit-chain-verifier';
import { ListAuditEntriesQuery, StreamAuditEntriesQuery } from '../../application/queries/list-audit-entries/list-audit-entries.query';
import { VerifyAuditChainsQuery } from '../../application/queries/verify-audit-chains/verify-audit-chains.query';
import type { StoredAuditEntry } from '../../domain/audit-chain';
import type { AuditLogFilter, ChainId } from '../../domain/audit-log.repository';
import { toCsv } from './audit-csv';
import { AdminAuditLogFilterDto, AuditEntryDto, AuditLogFilterDto, AuditPageDto, VerificationResultDto, VerifyAuditLogDto } from './audit-log.dto';

/** Largest CSV export; narrow the date range for more. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

function toFilter(query: AuditLogFilterDto, companyId: ChainId | undefined): AuditLogFilter {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from > to) {
    throw new ProblemException(422, 'validation.failed', 'from must not be after to', { errors: [{ field: 'from', message: 'must not be after to', code: 'range' }] });
  }
  return { companyId, actionPrefix: query.action, actorUserId: query.actorUserId, targetType: query.targetType, targetId: query.targetId, from, to };
}

function chainOf(value: string | undefined): ChainId | undefined {
  if (value === undefined) return undefined;
  return value.toLowerCase() === 'platform' ? null : value.toLowerCase();
}

async function listPage(queryBus: QueryBus, filter: AuditLogFilter, reader: ListAuditEntriesQuery['reader'], query: AuditLogFilterDto): Promise<AuditPageDto> {
  const limit = pageLimit(query);
  const cursor = decodeCursor<{ id?: unknown }>(query.cursor);
  if (cursor && typeof cursor.id !== 'string') throw new ProblemException(422, 'pagination.invalid_cursor', 'cursor is not one this API issued', { errors: [{ field: 'cursor', message: 'is not a valid cursor', code: 'invalid_cursor' }] });
  const rows = await queryBus.execute<ListAuditEntriesQuery, StoredAuditEntry[]>(new ListAuditEntriesQuery(filter, reader, limit, cursor?.id as string | undefined));
  const items = rows.slice(0, limit);
  return { items: items.map(AuditEntryDto.from), nextCursor: rows.length > limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
}

@ApiTags('audit')
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @RequirePermissions('audit.read')
  @ApiOperation({ summary: "The company's audit log, newest first", description: 'Filters combine with AND. Cursor-paginated.' })
  @ApiOkResponse({ type: AuditPageDto })
  listAuditLog(@CurrentPrincipal() principal: Principal, @Query() query: AuditLogFilterDto): Promise<AuditPageDto> {
    const companyId = companyOf(principal);
    return listPage(this.queryBus, toFilter(query, companyId), { userId: principal.userId, companyId, asPlatformAdmin: false }, query);
  }

  @Get('export')
  @RequirePermissions('audit.read')
  @ApiOperation({ summary: "Exports the company's audit log as CSV (same filters, newest first)", description: `At most ${AUDIT_EXPORT_MAX_ROWS} rows; narrow the date range for more. limit and cursor are ignored.` })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row', content: { 'text/csv': { schema: { type: 'string', example: 'id,created_at,seq,action,…\r\n' } } } })
  async exportAuditLog(@CurrentPrincipal() principal: Principal, @Query() query: AuditLogFilterDto): Promise<StreamableFile> {
    const companyId = companyOf(principal);
    const entries = await this.queryBus.execute<StreamAuditEntriesQuery, AsyncIterable<StoredAuditEntry>>(
      new StreamAuditEntriesQuery(toFilter(query, companyId), { userId: principal.userId, companyId, asPlatformAdmin: false }, AUDIT_EXPORT_MAX_ROWS),
    );
    return new StreamableFile(Readable.from(toCsv(entries)), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="audit-log.csv"' });
  }
}

@ApiTags('audit')
@Controller('v1/admin/audit-log')
export class AdminAuditLogController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @PlatformAdminOnly()
  @ApiOperation({ summary: "Any company's audit log, or the platform chain (companyId=platform)" })
  @ApiOkResponse({ type: AuditPageDto })
  listAnyAuditLog(@CurrentPrincipal() principal: Principal, @Query() query: AdminAuditLogFilterDto): Promise<AuditPageDto> {
    return listPage(this.queryBus, toFilter(query, chainOf(query.companyId)), { userId: principal.userId, companyId: null, asPlatformAdmin: true }, query);
  }

  @Post('verify')
  @HttpCode(200)
  @PlatformAdminOnly()
  @ApiOperation({ summary: 'Recomputes hash chains and reports the first entry that does not verify', description: 'One chain (a company id or `platform`), or every chain when companyId is omitted.' })
  @ApiOkResponse({ type: VerificationResultDto })
  async verifyAuditLog(@Body() body: VerifyAuditLogDto): Promise<VerificationResultDto> {
    const report = await this.queryBus.execute<VerifyAuditChainsQuery, VerificationReport>(new VerifyAuditChainsQuery(chainOf(body.companyId)));
    return { ok: report.ok, checked: report.checked, chains: report.chains.length, ...(report.brokenAt ? { brokenAt: report.brokenAt } : {}) };
  }
}
