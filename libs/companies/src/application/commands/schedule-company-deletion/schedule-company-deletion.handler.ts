import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, UnitOfWork } from '@shipcrowd/platform';
import { CompanyRepository } from '../../../domain/repositories';
import { companyScope } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { CancelCompanyDeletion, ScheduleCompanyDeletion } from './schedule-company-deletion.command';

@CommandHandler(ScheduleCompanyDeletion)
export class ScheduleCompanyDeletionHandler implements ICommandHandler<ScheduleCompanyDeletion, { deletionScheduledFor: Date }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly companies: CompanyRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ actor, confirmName }: ScheduleCompanyDeletion): Promise<{ deletionScheduledFor: Date }> {
    return this.uow.run(companyScope(actor), async () => {
      const company = await this.companies.get(actor.companyId);
      const when = company.scheduleDeletion(confirmName, actor.userId, this.config.COMPANY_DELETION_GRACE_DAYS, this.clock.now());
      await this.companies.save(company);
      await this.audit.byMember(actor, 'company.deletion_scheduled', { type: 'company', id: company.id }, { deletionScheduledFor: null }, { deletionScheduledFor: when.toISOString() });
      return { deletionScheduledFor: when };
    });
  }
}

@CommandHandler(CancelCompanyDeletion)
export class CancelCompanyDeletionHandler implements ICommandHandler<CancelCompanyDeletion, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly companies: CompanyRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor }: CancelCompanyDeletion): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      const company = await this.companies.get(actor.companyId);
      const before = company.props.deletionScheduledFor?.toISOString() ?? null;
      company.cancelDeletion(actor.userId, this.clock.now());
      await this.companies.save(company);
      await this.audit.byMember(actor, 'company.deletion_cancelled', { type: 'company', id: company.id }, { deletionScheduledFor: before }, { deletionScheduledFor: null });
    });
  }
}
