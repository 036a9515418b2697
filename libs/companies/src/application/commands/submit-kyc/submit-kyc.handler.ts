import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { CompanyRepository } from '../../../domain/repositories';
import { companyScope } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { SubmitKyc } from './submit-kyc.command';

@CommandHandler(SubmitKyc)
export class SubmitKycHandler implements ICommandHandler<SubmitKyc, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly companies: CompanyRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor }: SubmitKyc): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      const company = await this.companies.get(actor.companyId);
      const from = company.status;
      company.submitKyc(actor.userId, this.clock.now());
      await this.companies.save(company);
      await this.audit.byMember(actor, 'company.kyc_submitted', { type: 'company', id: company.id }, { status: from }, { status: company.status });
    });
  }
}
