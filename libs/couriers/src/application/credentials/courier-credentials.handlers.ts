import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { DomainError } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, TenantScope, UnitOfWork } from '@shipcrowd/platform';
import { credentialErrors, maskedFields, normalisedCredentials } from '../../domain/credential-fields';
import { CourierCredentialStore, StoredCredentials } from '../../infrastructure/persistence/courier-credential-store';
import { courierWebhookPath } from '../../infrastructure/sandbox/courier-sandbox-webhooks';
import { CourierProviders } from '../courier-providers';
import { PlatformCourierAccounts } from '../platform-courier-accounts';
import { accountWebhookPath, CompanyCourierAccounts } from './company-courier-accounts';
import {
  CourierCredentialsView,
  CredentialsActor,
  GetCourierCredentials,
  RemoveCourierCredentials,
  ResealCourierCredentials,
  SetCourierCredentials,
} from './courier-credentials.commands';

/** Platform rows are written as system work (row-level security lets a company write only its own). */
function scopeOf(actor: CredentialsActor): TenantScope {
  return actor.owner ? { companyId: actor.owner, userId: actor.userId } : { system: true, userId: actor.userId };
}

/** Builds the masked view of one owner's credentials, with the address the courier should push webhooks to. */
@Injectable()
export class CourierCredentialsViews {
  constructor(
    private readonly providers: CourierProviders,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  of(owner: string | null, courier: string, stored: StoredCredentials | null): CourierCredentialsView {
    const { credentialFields, capabilities } = this.providers.get(courier);
    const webhookPath = !stored || !capabilities.webhookPush ? null : owner ? accountWebhookPath(courier, stored.id) : courierWebhookPath(courier);
    return {
      courier,
      owner: owner ? 'company' : 'platform',
      configured: stored !== null,
      fields: maskedFields(credentialFields, stored?.credentials ?? null),
      updatedAt: stored?.updatedAt.toISOString() ?? null,
      updatedBy: stored?.updatedBy ?? null,
      accountId: owner ? (stored?.id ?? null) : null,
      webhookPath,
      webhookUrl: webhookPath && `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}${webhookPath}`,
    };
  }
}

/** The audit trail keeps which fields were set, never a value. */
const auditState = (stored: StoredCredentials | null) => (stored ? { fields: Object.keys(stored.credentials), keyId: stored.keyId } : null);

@Injectable()
abstract class CredentialChange {
  constructor(
    protected readonly uow: UnitOfWork,
    protected readonly store: CourierCredentialStore,
    protected readonly providers: CourierProviders,
    protected readonly views: CourierCredentialsViews,
    private readonly platformAccounts: PlatformCourierAccounts,
    private readonly companyAccounts: CompanyCourierAccounts,
    @Inject(AUDIT_TRAIL) private readonly trail: AuditTrail,
  ) {}

  protected audit(actor: CredentialsActor, action: string, courier: string, before: StoredCredentials | null, after: StoredCredentials | null): Promise<void> {
    return this.trail.record({
      action,
      companyId: actor.owner,
      actorUserId: actor.userId,
      actorType: actor.owner ? (actor.via === 'api_key' ? 'api_key' : 'user') : 'platform_admin',
      targetType: 'courier_credentials',
      targetId: courier,
      before: auditState(before),
      after: auditState(after),
      metadata: { owner: actor.owner ? 'company' : 'platform' },
    });
  }

  /** Webhook authentication reads credentials from memory: reload the platform's, forget the company account's old ones. */
  protected async afterCommit(actor: CredentialsActor, replaced: StoredCredentials | null): Promise<void> {
    if (!actor.owner) await this.platformAccounts.refresh();
    else if (replaced) this.companyAccounts.forget(replaced.id);
  }
}

@CommandHandler(SetCourierCredentials)
export class SetCourierCredentialsHandler extends CredentialChange implements ICommandHandler<SetCourierCredentials, CourierCredentialsView> {
  async execute({ actor, courier, credentials }: SetCourierCredentials): Promise<CourierCredentialsView> {
    const { credentialFields } = this.providers.get(courier);
    const errors = credentialErrors(credentialFields, credentials);
    if (errors.length) throw new DomainError('validation.failed', errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} fields are invalid`, 'validation', { errors });
    const { before, after } = await this.uow.run(scopeOf(actor), async () => {
      const before = await this.store.save(actor.owner, courier, normalisedCredentials(credentialFields, credentials), actor.userId);
      const after = await this.store.find(actor.owner, courier);
      await this.audit(actor, before ? 'couriers.credentials_replaced' : 'couriers.credentials_set', courier, before, after);
      return { before, after };
    });
    await this.afterCommit(actor, before);
    return this.views.of(actor.owner, courier, after);
  }
}

@CommandHandler(RemoveCourierCredentials)
export class RemoveCourierCredentialsHandler extends CredentialChange implements ICommandHandler<RemoveCourierCredentials, void> {
  async execute({ actor, courier }: RemoveCourierCredentials): Promise<void> {
    this.providers.get(courier);
    const removed = await this.uow.run(scopeOf(actor), async () => {
      const before = await this.store.remove(actor.owner, courier);
      if (before) await this.audit(actor, 'couriers.credentials_removed', courier, before, null);
      return before;
    });
    await this.afterCommit(actor, removed);
  }
}

@QueryHandler(GetCourierCredentials)
export class GetCourierCredentialsHandler implements IQueryHandler<GetCourierCredentials, CourierCredentialsView> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CourierCredentialStore,
    private readonly providers: CourierProviders,
    private readonly views: CourierCredentialsViews,
  ) {}

  async execute({ owner, courier }: GetCourierCredentials): Promise<CourierCredentialsView> {
    this.providers.get(courier);
    const stored = await this.uow.run(owner ? { companyId: owner } : { system: true }, () => this.store.find(owner, courier));
    return this.views.of(owner, courier, stored);
  }
}

@CommandHandler(ResealCourierCredentials)
export class ResealCourierCredentialsHandler implements ICommandHandler<ResealCourierCredentials, { resealed: number; unreadable: number }> {
  constructor(private readonly store: CourierCredentialStore) {}

  execute(): Promise<{ resealed: number; unreadable: number }> {
    return this.store.resealAll();
  }
}
