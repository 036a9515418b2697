import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { CompanyRepository } from '../../../domain/repositories';
import { companyScope, expectVersion } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { companySnapshot } from '../../company-snapshot';
import { UpdateCompanyProfile } from './update-company-profile.command';

@CommandHandler(UpdateCompanyProfile)
export class UpdateCompanyProfileHandler implements ICommandHandler<UpdateCompanyProfile, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly companies: CompanyRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, patch, expectedVersion }: UpdateCompanyProfile): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      const company = await this.companies.get(actor.companyId);
      expectVersion(company, 'Company', expectedVersion);
      const before = companySnapshot(company);
      company.updateProfile(patch, this.clock.now());
      await this.companies.save(company);
      await this.audit.byMember(actor, 'company.profile_updated', { type: 'company', id: company.id }, before, companySnapshot(company));
    });
  }
}
