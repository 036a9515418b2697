import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_TRAIL, AuditEntryInput, AuditTrail } from '@shipcrowd/audit/contracts';
import { CLOCK, Clock, DomainError, domainEvent, NotFoundError } from '@shipcrowd/kernel';
import { TenantScope, UnitOfWork } from '@shipcrowd/platform';
import { PRICING_EVENTS } from '../../contracts';
import { assertCanActivate, MAX_ACTIVE_COMPANY_CARDS } from '../domain/rate-card';
import { PricingStore, RateCardVersionRow, RateCardWithVersions } from '../infrastructure/persistence/pricing-store';
import { QuoteCache } from './ports/quote-cache.port';
import { RateCardView, toRateCardView } from './rate-card-view';

/**
 * The frame of every pricing change: one unit of work (audited inside it), then, after commit, a bump of the
 * pricing revision so cached quotes priced on the old data are never served again.
 */
@Injectable()
export class PricingChanges {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PricingStore,
    private readonly cache: QuoteCache,
    @Inject(AUDIT_TRAIL) private readonly auditTrail: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run<T>(scope: TenantScope, work: (now: Date) => Promise<T>, changed: (result: T) => boolean = () => true): Promise<T> {
    const result = await this.uow.run(scope, () => work(this.clock.now()));
    if (changed(result)) await this.cache.bumpRevision();
    return result;
  }

  audit(entry: AuditEntryInput): Promise<void> {
    return this.auditTrail.record(entry);
  }

  /** Admin audit entry for a card change. */
  auditCard(action: string, adminUserId: string | null, card: { id: string; companyId: string | null; scope: string; courier: string; service: string }, extra: Partial<AuditEntryInput> = {}): Promise<void> {
    return this.auditTrail.record({
      action,
      companyId: card.companyId,
      actorUserId: adminUserId,
      actorType: adminUserId ? 'platform_admin' : 'system',
      targetType: 'rate_card',
      targetId: card.id,
      ...extra,
      metadata: { scope: card.scope, courier: card.courier, service: card.service, ...(extra.metadata ?? {}) },
    });
  }

  /**
   * The common frame of a version transition by a platform admin: lock the card, find the version, run `work`,
   * answer the card as it is afterwards.
   */
  changeVersion(rateCardId: string, version: number, adminUserId: string, work: (card: RateCardWithVersions, v: RateCardVersionRow, now: Date) => Promise<void>): Promise<RateCardView> {
    return this.run({ system: true, userId: adminUserId }, async (now) => {
      const card = await this.loadCard(rateCardId);
      await work(card, this.versionOf(card, version), now);
      return toRateCardView((await this.store.card(rateCardId))!);
    });
  }

  async loadCard(id: string): Promise<RateCardWithVersions> {
    const card = await this.store.card(id, true);
    if (!card) throw new NotFoundError('Rate card', id);
    return card;
  }

  versionOf(card: RateCardWithVersions, version: number): RateCardVersionRow {
    const v = card.versions.find((x) => x.version === version);
    if (!v) throw new DomainError('rate_card_version.not_found', `Rate card ${card.id} has no version ${version}`, 'not_found');
    return v;
  }

  /**
   * Makes an approved, effective version the card's active one: the previous active version retires, the
   * company-card limit is checked, and pricing.rate_card_activated goes to the outbox. Inside the open unit of work.
   */
  async activate(card: RateCardWithVersions, v: RateCardVersionRow, now: Date, adminUserId: string | null): Promise<void> {
    assertCanActivate({ status: v.status, createdBy: v.createdBy ?? '', submittedBy: v.submittedBy }, v.version, v.effectiveFrom, now);
    if (card.retiredAt) throw new DomainError('rate_card.retired', `Rate card ${card.id} is retired`, 'conflict');
    const previous = card.versions.find((x) => x.status === 'active');
    if (card.scope === 'company' && card.companyId && !previous) {
      const active = await this.store.activeCompanyCardCount(card.companyId);
      if (active >= MAX_ACTIVE_COMPANY_CARDS) {
        throw new DomainError('rate_card.company_limit', `Company ${card.companyId} already has ${active} active rate cards (at most ${MAX_ACTIVE_COMPANY_CARDS}); retire one first`, 'conflict', { limit: MAX_ACTIVE_COMPANY_CARDS });
      }
    }
    if (previous) {
      await this.store.updateVersion(previous.id, { status: 'retired', retiredAt: now, updatedAt: now });
      previous.status = 'retired';
    }
    const row = await this.store.updateVersion(v.id, { status: 'active', activatedAt: now, updatedAt: now });
    Object.assign(v, row);
    await this.uow.publish([
      domainEvent(PRICING_EVENTS.rateCardActivated, card.id, card.companyId, {
        rateCardId: card.id,
        version: v.version,
        previousVersion: previous?.version ?? null,
        scope: card.scope,
        companyId: card.companyId,
        courier: card.courier,
        service: card.service,
        effectiveFrom: v.effectiveFrom.toISOString(),
        effectiveTo: v.effectiveTo?.toISOString() ?? null,
      }, now),
    ]);
    await this.auditCard('pricing.rate_card_activated', adminUserId, card, { after: { version: v.version }, before: previous ? { version: previous.version } : undefined });
  }
}
