import { Global, Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { PRICING_FACADE } from '../contracts';
import { CreateRateCardHandler } from './application/commands/create-rate-card/create-rate-card.handler';
import { SetCourierPerformanceHandler, SetPricingTierHandler, SetQuotePreferencesHandler } from './application/commands/pricing-settings/pricing-settings.handlers';
import {
  ActivateDueRateCardsHandler,
  ActivateRateCardVersionHandler,
  ApproveRateCardVersionHandler,
  DeleteRateCardHandler,
  RejectRateCardVersionHandler,
  RetireRateCardHandler,
  SubmitRateCardVersionHandler,
} from './application/commands/rate-card-lifecycle/rate-card-lifecycle.handlers';
import { AddRateCardVersionHandler, EditRateCardVersionHandler } from './application/commands/rate-card-versions/rate-card-versions.handlers';
import { QuoteCache } from './application/ports/quote-cache.port';
import { PricingChanges } from './application/pricing-changes';
import { PricingFacadeImpl } from './application/pricing.facade';
import { PricingSnapshot } from './application/pricing-snapshot';
import { QuoteRatesHandler } from './application/queries/quote-rates/quote-rates.handler';
import {
  ApplicableRateCardsHandler,
  GetPricingTierHandler,
  GetQuotePreferencesHandler,
  GetRateCardHandler,
  ListCourierPerformanceHandler,
  ListRateCardsHandler,
} from './application/queries/rate-cards/rate-cards.handlers';
import { RedisQuoteCache } from './infrastructure/adapters/redis-quote-cache';
import { PricingStore } from './infrastructure/persistence/pricing-store';
import { seedSandboxRateCards } from './infrastructure/persistence/sandbox-rate-cards';

const handlers = [
  CreateRateCardHandler,
  AddRateCardVersionHandler,
  EditRateCardVersionHandler,
  SubmitRateCardVersionHandler,
  ApproveRateCardVersionHandler,
  RejectRateCardVersionHandler,
  ActivateRateCardVersionHandler,
  ActivateDueRateCardsHandler,
  RetireRateCardHandler,
  DeleteRateCardHandler,
  SetPricingTierHandler,
  SetQuotePreferencesHandler,
  SetCourierPerformanceHandler,
  QuoteRatesHandler,
  ListRateCardsHandler,
  GetRateCardHandler,
  ApplicableRateCardsHandler,
  GetQuotePreferencesHandler,
  GetPricingTierHandler,
  ListCourierPerformanceHandler,
];

/**
 * Pricing: rate cards (versioned, maker-checker), quotes (PRICING_FACADE) with a Redis cache. Needs the platform,
 * AUDIT_TRAIL, COMPANIES_FACADE, GEO_FACADE and SERVICEABILITY_FACADE. At start it seeds the sandbox platform
 * cards when no platform base card exists (a no-op afterwards).
 */
@Global()
@Module({
  providers: [...handlers, PricingStore, PricingChanges, PricingSnapshot, { provide: QuoteCache, useClass: RedisQuoteCache }, { provide: PRICING_FACADE, useClass: PricingFacadeImpl }],
  exports: [PRICING_FACADE],
})
export class PricingModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('PricingModule');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PricingStore,
    private readonly cache: QuoteCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const written = await this.uow.run({ system: true }, () => seedSandboxRateCards(this.store, this.clock.now()));
      if (written > 0) {
        await this.cache.bumpRevision();
        this.logger.log(`Seeded ${written} sandbox platform rate cards`);
      }
    } catch (error) {
      // Another process (API and worker starting together) seeded them first: its unique index refused ours.
      if ((error as { code?: string }).code !== 'rate_card.duplicate') throw error;
    }
  }
}
