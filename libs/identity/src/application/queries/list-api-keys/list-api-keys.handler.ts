import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { ApiKeyRepository } from '../../../domain';
import { ApiKeyView, ListApiKeys } from './list-api-keys.query';

@QueryHandler(ListApiKeys)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeys, ApiKeyView[]> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: ApiKeyRepository,
  ) {}

  async execute({ companyId }: ListApiKeys): Promise<ApiKeyView[]> {
    const rows = await this.uow.run({ companyId }, () => this.keys.listForCompany(companyId));
    return rows.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      scopes: k.scopes,
      createdByUserId: k.createdByUserId,
      expiresAt: k.expiresAt?.toISOString() ?? null,
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      createdAt: k.createdAt.toISOString(),
      revokedAt: k.revokedAt?.toISOString() ?? null,
    }));
  }
}
