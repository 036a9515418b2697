import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { CompanyRepository } from '../../../domain/repositories';
import { companyScope, expectVersion } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { SetBranding } from './set-branding.command';

@CommandHandler(SetBranding)
export class SetBrandingHandler implements ICommandHandler<SetBranding, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly companies: CompanyRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, primaryColor, secondaryColor, expectedVersion }: SetBranding): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      const company = await this.companies.get(actor.companyId);
      expectVersion(company, 'Company', expectedVersion);
      const { primaryColor: p0, secondaryColor: s0 } = company.props.branding;
      company.setColors(primaryColor, secondaryColor, this.clock.now());
      await this.companies.save(company);
      await this.audit.byMember(actor, 'company.branding_updated', { type: 'company', id: company.id }, { primaryColor: p0, secondaryColor: s0 }, { primaryColor, secondaryColor });
    });
  }
}
