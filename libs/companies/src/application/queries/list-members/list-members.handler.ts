import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { and, asc, eq, gt, ilike, or, SQL } from 'drizzle-orm';
import { UnitOfWork } from '@shipcrowd/platform';
import { memberships } from '../../../infrastructure/persistence/companies.schema';
import { ListMembers, MemberView } from './list-members.query';

/** Oldest member first. No explicit company filter is needed for isolation (RLS), but it is kept for the index. */
@QueryHandler(ListMembers)
export class ListMembersHandler implements IQueryHandler<ListMembers, MemberView[]> {
  constructor(private readonly uow: UnitOfWork) {}

  execute({ companyId, userId, filter }: ListMembers): Promise<MemberView[]> {
    const where: SQL[] = [eq(memberships.companyId, companyId)];
    if (filter.userId) where.push(eq(memberships.userId, filter.userId));
    if (filter.role) where.push(eq(memberships.role, filter.role));
    if (filter.status) where.push(eq(memberships.status, filter.status));
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(or(ilike(memberships.name, pattern), ilike(memberships.email, pattern))!);
    }
    if (filter.cursor) where.push(gt(memberships.id, filter.cursor.id));
    return this.uow.run({ companyId, userId }, async (tx) => {
      const rows = await tx.select().from(memberships).where(and(...where)).orderBy(asc(memberships.id)).limit(filter.limit + 1);
      return rows.map((r) => ({ id: r.id, userId: r.userId, email: r.email, name: r.name, role: r.role, status: r.status, joinedAt: r.createdAt.toISOString(), version: r.version }));
    });
  }
}
