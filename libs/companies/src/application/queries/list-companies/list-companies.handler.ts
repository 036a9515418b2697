import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { and, desc, eq, ilike, lt, or, SQL } from 'drizzle-orm';
import { UnitOfWork } from '@shipcrowd/platform';
import { companies } from '../../../infrastructure/persistence/companies.schema';
import { CompanySummary, ListCompanies } from './list-companies.query';

/** Newest first (UUIDv7 ids sort by creation); `q` matches the name (contains) or a GSTIN (exact). */
@QueryHandler(ListCompanies)
export class ListCompaniesHandler implements IQueryHandler<ListCompanies, CompanySummary[]> {
  constructor(private readonly uow: UnitOfWork) {}

  execute({ adminUserId, filter }: ListCompanies): Promise<CompanySummary[]> {
    const where: SQL[] = [];
    if (filter.status) where.push(eq(companies.status, filter.status));
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(or(ilike(companies.name, pattern), ilike(companies.displayName, pattern), eq(companies.gstin, filter.q.trim().toUpperCase()))!);
    }
    if (filter.cursor) where.push(lt(companies.id, filter.cursor.id));
    return this.uow.run({ system: true, userId: adminUserId }, async (tx) => {
      const rows = await tx
        .select()
        .from(companies)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(companies.id))
        .limit(filter.limit + 1);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        displayName: r.displayName,
        gstin: r.gstin,
        status: r.status,
        kycSubmittedAt: r.kycSubmittedAt?.toISOString() ?? null,
        deletionScheduledFor: r.deletionScheduledFor?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
      }));
    });
  }
}
