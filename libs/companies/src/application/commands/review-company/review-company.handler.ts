import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { CompanyRepository } from '../../../domain/repositories';
import { adminScope } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { ReviewCompany } from './review-company.command';

const AUDIT_ACTION = { approve: 'company.approved', reject: 'company.rejected', suspend: 'company.suspended', reinstate: 'company.reinstated' } as const;

@CommandHandler(ReviewCompany)
export class ReviewCompanyHandler implements ICommandHandler<ReviewCompany, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly companies: CompanyRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ admin, companyId, action, reason }: ReviewCompany): Promise<void> {
    return this.uow.run(adminScope(admin), async () => {
      const company = await this.companies.get(companyId);
      const before = { status: company.status, statusReason: company.props.statusReason };
      const now = this.clock.now();
      if (action === 'approve') company.approve(admin.userId, now);
      else if (action === 'reject') company.reject(admin.userId, reason ?? '', now);
      else if (action === 'suspend') company.suspend(admin.userId, reason ?? '', now);
      else company.reinstate(admin.userId, now);
      await this.companies.save(company);
      await this.audit.byAdmin(admin, companyId, AUDIT_ACTION[action], before, { status: company.status, statusReason: company.props.statusReason });
    });
  }
}
