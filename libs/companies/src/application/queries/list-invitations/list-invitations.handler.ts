import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { and, asc, eq, gt, isNull, SQL } from 'drizzle-orm';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { invitations } from '../../../infrastructure/persistence/companies.schema';
import { InvitationView, ListInvitations } from './list-invitations.query';

/** Pending invitations (expired ones included, flagged, so they can be re-sent or revoked). */
@QueryHandler(ListInvitations)
export class ListInvitationsHandler implements IQueryHandler<ListInvitations, InvitationView[]> {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ companyId, userId, filter }: ListInvitations): Promise<InvitationView[]> {
    const where: SQL[] = [eq(invitations.companyId, companyId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)];
    if (filter.id) where.push(eq(invitations.id, filter.id));
    if (filter.cursor) where.push(gt(invitations.id, filter.cursor.id));
    const now = this.clock.now().getTime();
    return this.uow.run({ companyId, userId }, async (tx) => {
      const rows = await tx.select().from(invitations).where(and(...where)).orderBy(asc(invitations.id)).limit(filter.limit + 1);
      return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, invitedBy: r.invitedBy, expiresAt: r.expiresAt.toISOString(), expired: r.expiresAt.getTime() <= now, createdAt: r.createdAt.toISOString() }));
    });
  }
}
