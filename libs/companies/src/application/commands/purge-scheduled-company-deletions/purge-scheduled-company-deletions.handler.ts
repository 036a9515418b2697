import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, domainEvent } from '@shipcrowd/kernel';
import { FILE_STORAGE, FileStorage, UnitOfWork } from '@shipcrowd/platform';
import { PurgeScheduledCompanyDeletions } from '../../../../contracts';
import { CompanyRepository } from '../../../domain/repositories';
import { CompaniesAudit } from '../../companies-audit';

/**
 * Deletes companies whose grace period has ended (system scope, one transaction per company so one
 * failure does not hold back the rest). Publishes `companies.company_purged` so other contexts erase
 * their data; files are removed after commit.
 */
@CommandHandler(PurgeScheduledCompanyDeletions)
export class PurgeScheduledCompanyDeletionsHandler implements ICommandHandler<PurgeScheduledCompanyDeletions, { purged: string[] }> {
  private readonly logger = new Logger('companies');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly companies: CompanyRepository,
    private readonly audit: CompaniesAudit,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: PurgeScheduledCompanyDeletions): Promise<{ purged: string[] }> {
    const now = command.now ?? this.clock.now();
    const due = await this.uow.run({ system: true }, () => this.companies.dueForPurge(now, command.limit ?? 50));
    const purged: string[] = [];
    for (const id of due) {
      try {
        const logoKey = await this.uow.run({ system: true }, async () => {
          const company = await this.companies.get(id);
          if (!company.props.deletionScheduledFor || company.props.deletionScheduledFor > now) return undefined;
          await this.companies.purge(id);
          await this.uow.publish([domainEvent('companies.company_purged', id, id, { name: company.props.profile.name, requestedBy: company.props.deletionRequestedBy }, now)]);
          await this.audit.bySystem(id, 'company.purged', { type: 'company', id }, { name: company.props.profile.name }, company.props.deletionRequestedBy);
          return company.props.branding.logoKey;
        });
        if (logoKey === undefined) continue;
        purged.push(id);
        if (logoKey) await this.storage.delete(logoKey).catch((err) => this.logger.warn({ err, key: logoKey }, 'could not delete a purged company\'s logo'));
      } catch (err) {
        this.logger.error({ err, companyId: id }, 'company purge failed');
      }
    }
    return { purged };
  }
}
