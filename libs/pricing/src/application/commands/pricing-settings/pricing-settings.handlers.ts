import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { isCourierCode } from '@shipcrowd/couriers/contracts';
import { DomainError } from '@shipcrowd/kernel';
import type { PricingTier } from '../../../domain/rate-card';
import { SelectionWeights, weightsProblem } from '../../../domain/selection';
import { PricingStore } from '../../../infrastructure/persistence/pricing-store';
import { PricingChanges } from '../../pricing-changes';
import { SetCourierPerformance, SetPricingTier, SetQuotePreferences } from './pricing-settings.commands';

const invalid = (field: string, message: string, code: string) => new DomainError('validation.failed', `${field} ${message}`, 'validation', { errors: [{ field, message, code }] });

@CommandHandler(SetPricingTier)
export class SetPricingTierHandler implements ICommandHandler<SetPricingTier, { companyId: string; tier: PricingTier }> {
  constructor(private readonly changes: PricingChanges, private readonly store: PricingStore) {}

  execute({ companyId, tier, adminUserId }: SetPricingTier): Promise<{ companyId: string; tier: PricingTier }> {
    if (tier !== 'standard' && tier !== 'vip') throw invalid('tier', "must be 'standard' or 'vip'", 'pricing.invalid_tier');
    return this.changes.run({ system: true, userId: adminUserId }, async (now) => {
      const previous = await this.store.setTier(companyId, tier, adminUserId, now);
      await this.changes.audit({ action: 'pricing.tier_set', companyId, actorUserId: adminUserId, actorType: 'platform_admin', targetType: 'company', targetId: companyId, before: { tier: previous }, after: { tier } });
      return { companyId, tier };
    });
  }
}

@CommandHandler(SetQuotePreferences)
export class SetQuotePreferencesHandler implements ICommandHandler<SetQuotePreferences, SelectionWeights> {
  constructor(private readonly changes: PricingChanges, private readonly store: PricingStore) {}

  execute({ companyId, weights, userId }: SetQuotePreferences): Promise<SelectionWeights> {
    const problem = weightsProblem(weights);
    if (problem) throw invalid('cost', problem, 'pricing.invalid_weights');
    return this.changes.run({ companyId, userId }, async (now) => {
      const before = await this.store.preferences(companyId);
      await this.store.setPreferences(companyId, weights, userId, now);
      await this.changes.audit({ action: 'pricing.preferences_set', companyId, actorUserId: userId, targetType: 'quote_preferences', targetId: companyId, before: before ?? undefined, after: weights });
      return { cost: weights.cost, speed: weights.speed, performance: weights.performance };
    });
  }
}

@CommandHandler(SetCourierPerformance)
export class SetCourierPerformanceHandler implements ICommandHandler<SetCourierPerformance, { courier: string; score: number }> {
  constructor(private readonly changes: PricingChanges, private readonly store: PricingStore) {}

  execute({ courier, score, adminUserId }: SetCourierPerformance): Promise<{ courier: string; score: number }> {
    if (!isCourierCode(courier)) throw new DomainError('courier.not_found', `Courier ${courier} is not in the catalogue`, 'not_found');
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) throw invalid('score', 'must be between 0 and 1', 'pricing.invalid_score');
    return this.changes.run({ system: true, userId: adminUserId }, async (now) => {
      const before = await this.store.setPerformance(courier, score, adminUserId, now);
      await this.changes.audit({ action: 'pricing.courier_performance_set', companyId: null, actorUserId: adminUserId, actorType: adminUserId ? 'platform_admin' : 'system', targetType: 'courier', targetId: courier, before: { score: before }, after: { score } });
      return { courier, score };
    });
  }
}
