import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { eq } from 'drizzle-orm';
import { CLOCK, Clock, NotFoundError } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, FILE_STORAGE, FileStorage, UnitOfWork } from '@shipcrowd/platform';
import { companies } from '../../../infrastructure/persistence/companies.schema';
import { CompanyView, toCompanyView } from '../company-view';
import { GetCompany } from './get-company.query';

@QueryHandler(GetCompany)
export class GetCompanyHandler implements IQueryHandler<GetCompany, CompanyView> {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ companyId, as }: GetCompany): Promise<CompanyView> {
    const scope = as.admin ? { system: true, userId: as.userId } : { companyId, userId: as.userId };
    const row = await this.uow.run(scope, async (tx) => (await tx.select().from(companies).where(eq(companies.id, companyId)))[0]);
    if (!row) throw new NotFoundError('Company', companyId);
    let logo: { url: string; expiresAt: Date } | null = null;
    if (row.logoKey) {
      const ttl = this.config.STORAGE_SIGNED_URL_TTL_SECONDS;
      logo = { url: await this.storage.signedUrl(row.logoKey, ttl), expiresAt: new Date(this.clock.now().getTime() + ttl * 1000) };
    }
    return toCompanyView(row, logo);
  }
}
