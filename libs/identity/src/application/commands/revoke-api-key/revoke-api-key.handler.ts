import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, NotFoundError } from '@shipcrowd/kernel';
import { companyOf, UnitOfWork } from '@shipcrowd/platform';
import { ApiKeyRepository } from '../../../domain';
import { IdentityAudit } from '../../services/identity-audit';
import { RevokeApiKey } from './revoke-api-key.command';

/** Row-level security scopes the update to the caller's company: another company's key is simply not found. */
@CommandHandler(RevokeApiKey)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKey, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal, apiKeyId }: RevokeApiKey): Promise<void> {
    const companyId = companyOf(principal);
    await this.uow.run({ companyId, userId: principal.userId }, async () => {
      const revoked = await this.keys.revoke(apiKeyId, this.clock.now());
      if (!revoked) throw new NotFoundError('API key', apiKeyId);
      await this.audit.record({ action: 'api_key.revoked', companyId, actorUserId: principal.userId, actorType: principal.via === 'api_key' ? 'api_key' : 'user', targetType: 'api_key', targetId: apiKeyId, metadata: { name: revoked.name, prefix: revoked.prefix } });
    });
  }
}
