import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { and, eq, inArray } from 'drizzle-orm';
import { UnitOfWork } from '@shipcrowd/platform';
import type { MembershipView } from '../../../../contracts';
import { BUILT_IN_ROLES, isBuiltInRole } from '../../../domain/roles';
import { companies, customRoles, memberships } from '../../../infrastructure/persistence/companies.schema';
import { TenantScopes } from '../../ports/tenant-scopes.port';
import { MembershipsOf } from './memberships-of.query';

/**
 * For login and company switching. Listing every company of a user crosses tenants, so it runs in
 * system scope narrowed by user id; one company runs in that company's scope. Either way it joins the
 * caller's unit of work when one is open.
 */
@QueryHandler(MembershipsOf)
export class MembershipsOfHandler implements IQueryHandler<MembershipsOf, MembershipView[]> {
  constructor(
    private readonly scopes: TenantScopes,
    private readonly uow: UnitOfWork,
  ) {}

  execute({ userId, companyId }: MembershipsOf): Promise<MembershipView[]> {
    const scope = companyId ? { companyId, userId } : { system: true, userId };
    return this.scopes.within(scope, async () => {
      const tx = this.uow.tx();
      const rows = await tx
        .select({ companyId: memberships.companyId, role: memberships.role, status: memberships.status, companyName: companies.name, displayName: companies.displayName, companyStatus: companies.status })
        .from(memberships)
        .innerJoin(companies, eq(companies.id, memberships.companyId))
        .where(companyId ? and(eq(memberships.userId, userId), eq(memberships.companyId, companyId)) : and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
        .orderBy(memberships.id);
      const customKeys = rows.filter((r) => !isBuiltInRole(r.role));
      const custom = customKeys.length
        ? await tx
            .select({ companyId: customRoles.companyId, key: customRoles.key, permissions: customRoles.permissions })
            .from(customRoles)
            .where(inArray(customRoles.companyId, [...new Set(customKeys.map((r) => r.companyId))]))
        : [];
      return rows.map((r) => ({
        companyId: r.companyId,
        companyName: r.displayName ?? r.companyName,
        companyStatus: r.companyStatus,
        role: r.role,
        permissions: isBuiltInRole(r.role) ? [...BUILT_IN_ROLES[r.role].permissions] : [...(custom.find((c) => c.companyId === r.companyId && c.key === r.role)?.permissions ?? [])],
        status: r.status,
      }));
    });
  }
}
