import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { COURIERS } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock, NotFoundError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { PricingTier, pickApplicableCard, RateCardScope, scopeLabel } from '../../../domain/rate-card';
import { DEFAULT_SELECTION_WEIGHTS, NEUTRAL_PERFORMANCE, SelectionWeights } from '../../../domain/selection';
import type { RateCardTerms } from '../../../domain/terms';
import { PricingStore } from '../../../infrastructure/persistence/pricing-store';
import { RateCardView, toRateCardView } from '../../rate-card-view';
import { ApplicableRateCards, GetPricingTier, GetQuotePreferences, GetRateCard, ListCourierPerformance, ListRateCards } from './rate-cards.queries';

@QueryHandler(ListRateCards)
export class ListRateCardsHandler implements IQueryHandler<ListRateCards, RateCardView[]> {
  constructor(private readonly uow: UnitOfWork, private readonly store: PricingStore) {}

  async execute({ filter, limit, after }: ListRateCards): Promise<RateCardView[]> {
    return this.uow.run({ system: true }, async () => (await this.store.cards(filter, limit + 1, after)).map(toRateCardView));
  }
}

@QueryHandler(GetRateCard)
export class GetRateCardHandler implements IQueryHandler<GetRateCard, RateCardView> {
  constructor(private readonly uow: UnitOfWork, private readonly store: PricingStore) {}

  async execute({ rateCardId }: GetRateCard): Promise<RateCardView> {
    const card = await this.uow.run({ system: true }, () => this.store.card(rateCardId));
    if (!card) throw new NotFoundError('Rate card', rateCardId);
    return toRateCardView(card);
  }
}

export interface ApplicableCardView {
  courier: string;
  service: string;
  serviceName: string;
  b2b: boolean;
  rateCardId: string;
  name: string;
  scope: RateCardScope;
  /** Why this card applies, in words. */
  reason: string;
  version: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  terms: RateCardTerms;
}

@QueryHandler(ApplicableRateCards)
export class ApplicableRateCardsHandler implements IQueryHandler<ApplicableRateCards, { tier: PricingTier; items: ApplicableCardView[] }> {
  constructor(private readonly uow: UnitOfWork, private readonly store: PricingStore, @Inject(CLOCK) private readonly clock: Clock) {}

  execute({ companyId }: ApplicableRateCards): Promise<{ tier: PricingTier; items: ApplicableCardView[] }> {
    const now = this.clock.now();
    return this.uow.run({ companyId }, async () => {
      const [platform, own, tier] = [await this.store.inForce(now, null), await this.store.inForce(now, companyId), await this.store.tier(companyId)];
      const items: ApplicableCardView[] = [];
      for (const courier of COURIERS) {
        for (const service of courier.services) {
          const cards = [...own, ...platform].filter((c) => c.courier === courier.code && c.service === service.code);
          for (const b2b of service.b2b ? [true] : [false, true]) {
            const card = pickApplicableCard(cards, { companyId, tier, b2b });
            if (!card || (b2b && !service.b2b && card.scope !== 'b2b')) continue;
            items.push({
              courier: courier.code,
              service: service.code,
              serviceName: service.name,
              b2b,
              rateCardId: card.rateCardId,
              name: card.name,
              scope: card.scope,
              reason: `${scopeLabel(card.scope)}${card.scope === 'vip' ? ' (your company is on the VIP tier)' : ''}${b2b ? ' for B2B shipments' : ''}`,
              version: card.version,
              effectiveFrom: card.effectiveFrom,
              effectiveTo: card.effectiveTo,
              terms: card.terms,
            });
          }
        }
      }
      return { tier, items };
    });
  }
}

@QueryHandler(GetQuotePreferences)
export class GetQuotePreferencesHandler implements IQueryHandler<GetQuotePreferences, SelectionWeights & { isDefault: boolean }> {
  constructor(private readonly uow: UnitOfWork, private readonly store: PricingStore) {}

  async execute({ companyId }: GetQuotePreferences): Promise<SelectionWeights & { isDefault: boolean }> {
    const row = await this.uow.run({ companyId }, () => this.store.preferences(companyId));
    return row ? { ...row, isDefault: false } : { ...DEFAULT_SELECTION_WEIGHTS, isDefault: true };
  }
}

@QueryHandler(GetPricingTier)
export class GetPricingTierHandler implements IQueryHandler<GetPricingTier, { companyId: string; tier: PricingTier }> {
  constructor(private readonly uow: UnitOfWork, private readonly store: PricingStore) {}

  async execute({ companyId }: GetPricingTier): Promise<{ companyId: string; tier: PricingTier }> {
    return { companyId, tier: await this.uow.run({ system: true }, () => this.store.tier(companyId)) };
  }
}

@QueryHandler(ListCourierPerformance)
export class ListCourierPerformanceHandler implements IQueryHandler<ListCourierPerformance, { courier: string; name: string; score: number; measured: boolean; updatedAt: Date | null }[]> {
  constructor(private readonly uow: UnitOfWork, private readonly store: PricingStore) {}

  async execute(): Promise<{ courier: string; name: string; score: number; measured: boolean; updatedAt: Date | null }[]> {
    const rows = await this.uow.run({ system: true }, () => this.store.performance());
    return COURIERS.map((c) => {
      const row = rows.find((r) => r.courier === c.code);
      return { courier: c.code, name: c.name, score: row?.score ?? NEUTRAL_PERFORMANCE, measured: !!row, updatedAt: row?.updatedAt ?? null };
    });
  }
}
