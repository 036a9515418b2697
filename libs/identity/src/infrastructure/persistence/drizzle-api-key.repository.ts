import { Injectable } from '@nestjs/common';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { UnitOfWork } from '@shipcrowd/platform';
import { ApiKeyRecord, ApiKeyRepository } from '../../domain';
import { apiKeys } from './identity.schema';

/** Tenant-owned (RLS): callers open the unit of work with the company's scope, or system scope for verification. */
@Injectable()
export class DrizzleApiKeyRepository extends ApiKeyRepository {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async add(key: ApiKeyRecord): Promise<void> {
    await this.uow.tx().insert(apiKeys).values(key);
  }

  listForCompany(companyId: string): Promise<ApiKeyRecord[]> {
    return this.uow.tx().select().from(apiKeys).where(eq(apiKeys.companyId, companyId)).orderBy(desc(apiKeys.createdAt)).limit(500);
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.uow.tx().select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).limit(1);
    return row ?? null;
  }

  async revoke(id: string, now: Date): Promise<ApiKeyRecord | null> {
    const [row] = await this.uow
      .tx()
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    return row ?? null;
  }

  async touchLastUsed(id: string, now: Date, notBefore: Date): Promise<void> {
    await this.uow
      .tx()
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, notBefore))));
  }
}
