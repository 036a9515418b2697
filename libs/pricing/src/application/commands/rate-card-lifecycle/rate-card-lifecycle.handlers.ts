import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, FieldError } from '@shipcrowd/kernel';
import { assertCanReview, assertCanSubmit, deleteRefusal, retireRefusal } from '../../../domain/rate-card';
import { PricingStore, RateCardWithVersions, versionHasBeenApproved } from '../../../infrastructure/persistence/pricing-store';
import { PricingChanges } from '../../pricing-changes';
import { RateCardView, toRateCardView } from '../../rate-card-view';
import {
  ActivateDueRateCards,
  ActivateRateCardVersion,
  ApproveRateCardVersion,
  DeleteRateCard,
  RejectRateCardVersion,
  RetireRateCard,
  SubmitRateCardVersion,
} from './rate-card-lifecycle.commands';

const facts = (v: { status: RateCardWithVersions['versions'][number]['status']; createdBy: string | null; submittedBy: string | null }) => ({ status: v.status, createdBy: v.createdBy ?? '', submittedBy: v.submittedBy });

@CommandHandler(SubmitRateCardVersion)
export class SubmitRateCardVersionHandler implements ICommandHandler<SubmitRateCardVersion, RateCardView> {
  constructor(private readonly changes: PricingChanges, private readonly store: PricingStore) {}

  execute({ rateCardId, version, adminUserId }: SubmitRateCardVersion): Promise<RateCardView> {
    return this.changes.changeVersion(rateCardId, version, adminUserId, async (card, v, now) => {
      assertCanSubmit(facts(v), version);
      await this.store.updateVersion(v.id, { status: 'pending_approval', submittedBy: adminUserId, submittedAt: now, updatedAt: now });
      await this.changes.auditCard('pricing.rate_card_submitted', adminUserId, card, { after: { version, status: 'pending_approval' } });
    });
  }
}

@CommandHandler(ApproveRateCardVersion)
export class ApproveRateCardVersionHandler implements ICommandHandler<ApproveRateCardVersion, RateCardView> {
  constructor(private readonly changes: PricingChanges, private readonly store: PricingStore) {}

  execute({ rateCardId, version, adminUserId }: ApproveRateCardVersion): Promise<RateCardView> {
    return this.changes.changeVersion(rateCardId, version, adminUserId, async (card, v, now) => {
      assertCanReview(facts(v), version, adminUserId);
      Object.assign(v, await this.store.updateVersion(v.id, { status: 'approved', reviewedBy: adminUserId, reviewedAt: now, updatedAt: now }));
      await this.changes.auditCard('pricing.rate_card_approved', adminUserId, card, { after: { version, status: 'approved', effectiveFrom: v.effectiveFrom } });
      if (v.effectiveFrom.getTime() <= now.getTime()) await this.changes.activate(card, v, now, adminUserId);
    });
  }
}

@CommandHandler(RejectRateCardVersion)
export class RejectRateCardVersionHandler implements ICommandHandler<RejectRateCardVersion, RateCardView> {
  constructor(private readonly changes: PricingChanges, private readonly store: PricingStore) {}

  execute({ rateCardId, version, reason, adminUserId }: RejectRateCardVersion): Promise<RateCardView> {
    const text = reason?.trim();
    if (!text) throw new DomainError('validation.failed', 'A rejection needs a reason', 'validation', { errors: [{ field: 'reason', message: 'must not be empty', code: 'pricing.reason_required' } satisfies FieldError] });
    return this.changes.changeVersion(rateCardId, version, adminUserId, async (card, v, now) => {
      assertCanReview(facts(v), version, adminUserId);
      await this.store.updateVersion(v.id, { status: 'rejected', reviewedBy: adminUserId, reviewedAt: now, rejectReason: text, updatedAt: now });
      await this.changes.auditCard('pricing.rate_card_rejected', adminUserId, card, { after: { version, status: 'rejected', reason: text } });
    });
  }
}

@CommandHandler(ActivateRateCardVersion)
export class ActivateRateCardVersionHandler implements ICommandHandler<ActivateRateCardVersion, RateCardView> {
  constructor(private readonly changes: PricingChanges, private readonly store: PricingStore) {}

  execute({ rateCardId, version, adminUserId }: ActivateRateCardVersion): Promise<RateCardView> {
    return this.changes.changeVersion(rateCardId, version, adminUserId, (card, v, now) => this.changes.activate(card, v, now, adminUserId));
  }
}

@CommandHandler(ActivateDueRateCards)
export class ActivateDueRateCardsHandler implements ICommandHandler<ActivateDueRateCards, { activated: { rateCardId: string; version: number }[] }> {
  constructor(private readonly changes: PricingChanges, private readonly store: PricingStore) {}

  async execute({ now: at }: ActivateDueRateCards): Promise<{ activated: { rateCardId: string; version: number }[] }> {
    return this.changes.run({ system: true }, async (clockNow) => {
      const now = at ?? clockNow;
      const activated: { rateCardId: string; version: number }[] = [];
      for (const due of await this.store.dueVersions(now)) {
        const card = await this.changes.loadCard(due.rateCardId);
        // An older approved version overtaken by a newer active one simply stays approved (history).
        const active = card.versions.find((v) => v.status === 'active');
        if (active && active.version > due.version) continue;
        await this.changes.activate(card, this.changes.versionOf(card, due.version), now, null);
        activated.push(due);
      }
      return { activated };
    }, (result) => result.activated.length > 0);
  }
}

@CommandHandler(RetireRateCard)
export class RetireRateCardHandler implements ICommandHandler<RetireRateCard, RateCardView> {
  constructor(private readonly changes: PricingChanges, private readonly store: PricingStore) {}

  execute({ rateCardId, reason, adminUserId }: RetireRateCard): Promise<RateCardView> {
    return this.changes.run({ system: true, userId: adminUserId }, async (now) => {
      const card = await this.changes.loadCard(rateCardId);
      if (card.retiredAt) throw new DomainError('rate_card.retired', `Rate card ${rateCardId} is already retired`, 'conflict');
      const refusal = retireRefusal(cardFacts(card));
      if (refusal) throw new DomainError('rate_card.in_use', `Rate card ${rateCardId} cannot be retired. ${refusal}`, 'conflict');
      await this.store.retireCard(rateCardId, adminUserId, reason?.trim() || null, now);
      await this.changes.auditCard('pricing.rate_card_retired', adminUserId, card, { before: { activeVersion: card.versions.find((v) => v.status === 'active')?.version ?? null }, metadata: { reason } });
      return toRateCardView((await this.store.card(rateCardId))!);
    });
  }
}

@CommandHandler(DeleteRateCard)
export class DeleteRateCardHandler implements ICommandHandler<DeleteRateCard, void> {
  constructor(private readonly changes: PricingChanges, private readonly store: PricingStore) {}

  execute({ rateCardId, adminUserId }: DeleteRateCard): Promise<void> {
    return this.changes.run({ system: true, userId: adminUserId }, async () => {
      const card = await this.changes.loadCard(rateCardId);
      const refusal = deleteRefusal(cardFacts(card));
      if (refusal) throw new DomainError('rate_card.in_use', `Rate card ${rateCardId} cannot be deleted. ${refusal}`, 'conflict');
      await this.store.deleteCard(rateCardId);
      await this.changes.auditCard('pricing.rate_card_deleted', adminUserId, card, { before: { versions: card.versions.map((v) => ({ version: v.version, status: v.status })) } });
    });
  }
}

function cardFacts(card: RateCardWithVersions) {
  return {
    scope: card.scope,
    courier: card.courier,
    service: card.service,
    hasActiveVersion: card.versions.some((v) => v.status === 'active'),
    everApproved: card.versions.some(versionHasBeenApproved),
  };
}
