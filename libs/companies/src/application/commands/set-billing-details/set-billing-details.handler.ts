import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { ChangeSignals, UnitOfWork } from '@shipcrowd/platform';
import { CompanyRepository } from '../../../domain/repositories';
import { companyScope, expectVersion } from '../../actor';
import { BILLING_CHANGED } from '../../billing-changes';
import { CompaniesAudit } from '../../companies-audit';
import { companySnapshot } from '../../company-snapshot';
import { SetBillingDetails } from './set-billing-details.command';

@CommandHandler(SetBillingDetails)
export class SetBillingDetailsHandler implements ICommandHandler<SetBillingDetails, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly companies: CompanyRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly signals: ChangeSignals,
  ) {}

  async execute({ actor, billing, expectedVersion }: SetBillingDetails): Promise<void> {
    await this.uow.run(companyScope(actor), async () => {
      const company = await this.companies.get(actor.companyId);
      expectVersion(company, 'Company', expectedVersion);
      const before = company.props.billing ? { ...company.props.billing } : null;
      company.setBillingDetails(billing, this.clock.now());
      await this.companies.save(company);
      await this.audit.byMember(actor, 'company.billing_updated', { type: 'company', id: company.id }, before, company.props.billing);
    });
    await this.signals.changed(BILLING_CHANGED, actor.companyId);
  }
}
