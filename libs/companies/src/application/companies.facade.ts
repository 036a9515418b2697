import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { eq } from 'drizzle-orm';
import { ChangeSignals, SignalledCache, UnitOfWork } from '@shipcrowd/platform';
import type { CompaniesFacade, CompanyBranding, MembershipView } from '../../contracts';
import { AcceptInvitation } from './commands/accept-invitation/accept-invitation.command';
import { CreateCompanyWithOwner } from './commands/create-company-with-owner/create-company-with-owner.command';
import { companies } from '../infrastructure/persistence/companies.schema';
import { BILLING_CHANGED } from './billing-changes';
import { TenantScopes } from './ports/tenant-scopes.port';
import { MembershipsOf } from './queries/memberships-of/memberships-of.query';

/** What other contexts call; every method joins the caller's unit of work when one is open. */
@Injectable()
export class CompaniesFacadeImpl implements CompaniesFacade {
  /** Pricing asks on every quote: kept in-process until the company's billing details change (in any process). */
  private readonly billingStates: SignalledCache<string | null>;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly scopes: TenantScopes,
    private readonly uow: UnitOfWork,
    signals: ChangeSignals,
  ) {
    this.billingStates = new SignalledCache(signals, [BILLING_CHANGED], { maxEntries: 20_000, subjectOf: (companyId) => companyId });
  }

  createCompanyWithOwner(input: { ownerUserId: string; ownerEmail: string; ownerName: string; companyName: string; phone?: string }): Promise<{ companyId: string }> {
    return this.commands.execute(new CreateCompanyWithOwner(input));
  }

  acceptInvitation(input: { token: string; userId: string; email: string; name?: string }): Promise<{ companyId: string }> {
    return this.commands.execute(new AcceptInvitation(input.token, input.userId, input.email, input.name ?? null));
  }

  membershipsOf(userId: string): Promise<MembershipView[]> {
    return this.queries.execute(new MembershipsOf(userId));
  }

  async membershipOf(userId: string, companyId: string): Promise<MembershipView | null> {
    const [membership] = await this.queries.execute<MembershipsOf, MembershipView[]>(new MembershipsOf(userId, companyId));
    return membership ?? null;
  }

  /** Read in the company's own scope (joining the caller's unit of work when one is open). */
  billingStateCodeOf(companyId: string): Promise<string | null> {
    return this.billingStates.get(companyId, () => this.readBillingStateCode(companyId));
  }

  private readBillingStateCode(companyId: string): Promise<string | null> {
    const read = async () => {
      const [row] = await this.uow
        .tx()
        .select({ gstin: companies.gstin, billingAddress: companies.billingAddress })
        .from(companies)
        .where(eq(companies.id, companyId));
      if (!row) return null;
      if (row.gstin && /^\d{2}/.test(row.gstin)) return row.gstin.slice(0, 2);
      return row.billingAddress?.stateCode ?? null;
    };
    // Already in this company's own scope (pricing quoting inside its unit of work): RLS already shows the row, so
    // read it directly instead of saving, switching and restoring the settings (three round trips).
    const scope = this.uow.scope();
    if (scope && scope.companyId === companyId && !scope.system) return read();
    return this.scopes.within({ companyId }, read);
  }

  brandingOf(companyId: string): Promise<CompanyBranding | null> {
    const read = async (): Promise<CompanyBranding | null> => {
      const [row] = await this.uow
        .tx()
        .select({ name: companies.name, displayName: companies.displayName, primaryColor: companies.primaryColor, logoKey: companies.logoKey, supportEmail: companies.supportEmail, supportPhone: companies.supportPhone, website: companies.website })
        .from(companies)
        .where(eq(companies.id, companyId));
      if (!row) return null;
      const { displayName, name, ...rest } = row;
      return { name: displayName ?? name, ...rest };
    };
    const scope = this.uow.scope();
    if (scope && (scope.system || scope.companyId === companyId)) return read();
    return this.scopes.within({ companyId }, read);
  }
}
