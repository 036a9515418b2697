import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, newId } from '@shipcrowd/kernel';
import { Company } from '../../../domain/company';
import { Membership } from '../../../domain/membership';
import { CompanyRepository, MembershipRepository } from '../../../domain/repositories';
import { TenantScopes } from '../../ports/tenant-scopes.port';
import { CompaniesAudit } from '../../companies-audit';
import { CreateCompanyWithOwner } from './create-company-with-owner.command';

/**
 * Registration: the company (pending_kyc) and its owner's membership. Runs inside the caller's unit of
 * work when one is open; the new rows are written under the NEW company's scope (the caller's scope has
 * no company yet), see TenantScopes.
 */
@CommandHandler(CreateCompanyWithOwner)
export class CreateCompanyWithOwnerHandler implements ICommandHandler<CreateCompanyWithOwner, { companyId: string }> {
  constructor(
    private readonly scopes: TenantScopes,
    private readonly companies: CompanyRepository,
    private readonly memberships: MembershipRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input }: CreateCompanyWithOwner): Promise<{ companyId: string }> {
    const companyId = newId();
    const now = this.clock.now();
    return this.scopes.within({ companyId, userId: input.ownerUserId }, async () => {
      const company = Company.create({ id: companyId, name: input.companyName, ownerUserId: input.ownerUserId, phone: input.phone, now });
      await this.companies.insert(company);
      const owner = Membership.join({ id: newId(), companyId, userId: input.ownerUserId, email: input.ownerEmail, name: input.ownerName, role: 'owner', now, via: 'registration' });
      await this.memberships.insert(owner);
      await this.audit.bySystem(companyId, 'company.created', { type: 'company', id: companyId }, { name: company.props.profile.name }, input.ownerUserId);
      return { companyId };
    });
  }
}
