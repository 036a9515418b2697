import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, DomainError, newId } from '@shipcrowd/kernel';
import { companyOf, UnitOfWork } from '@shipcrowd/platform';
import { ApiKeyRecord, ApiKeyRepository, generateApiKey } from '../../../domain';
import { IdentityAudit } from '../../services/identity-audit';
import { hashToken } from '../../services/secret-tokens';
import { CreateApiKey, CreatedApiKey } from './create-api-key.command';

@CommandHandler(CreateApiKey)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKey, CreatedApiKey> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal, input }: CreateApiKey): Promise<CreatedApiKey> {
    const companyId = companyOf(principal);
    const now = this.clock.now();
    // A key can never do more than the person who made it.
    const beyond = input.scopes.filter((s) => !principal.permissions.includes(s));
    if (beyond.length) {
      throw new DomainError('api_key.scope_not_held', `You cannot grant permissions you do not hold: ${beyond.join(', ')}.`, 'forbidden', {
        errors: beyond.map((s) => ({ field: 'scopes', message: `${s} is not one of your permissions`, code: 'scope_not_held' })),
      });
    }
    if (input.expiresAt && input.expiresAt <= now) {
      throw new DomainError('validation.failed', 'expiresAt: must be in the future', 'validation', { errors: [{ field: 'expiresAt', message: 'must be in the future', code: 'future_date' }] });
    }
    const generated = generateApiKey();
    const record: ApiKeyRecord = {
      id: newId(),
      companyId,
      createdByUserId: principal.userId,
      name: input.name.trim(),
      prefix: generated.prefix,
      secretHash: hashToken(generated.secret),
      scopes: [...new Set(input.scopes)].sort(),
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: null,
      createdAt: now,
      revokedAt: null,
    };
    await this.uow.run({ companyId, userId: principal.userId }, async () => {
      await this.keys.add(record);
      await this.audit.record({ action: 'api_key.created', companyId, actorUserId: principal.userId, actorType: principal.via === 'api_key' ? 'api_key' : 'user', targetType: 'api_key', targetId: record.id, after: { name: record.name, prefix: record.prefix, scopes: record.scopes, expiresAt: record.expiresAt } });
    });
    return { id: record.id, name: record.name, prefix: record.prefix, scopes: record.scopes, expiresAt: record.expiresAt?.toISOString() ?? null, createdAt: now.toISOString(), key: generated.key };
  }
}
