import { Module } from '@nestjs/common';
import { PricingModule } from '../../pricing.module';
import { AdminPricingController } from './admin-pricing.controller';
import { AdminRateCardsController } from './admin-rate-cards.controller';
import { RateCardsController, RatesController } from './rates.controller';

/** The pricing HTTP API: quotes, selection weights, seller-visible cards, and the admin rate-card console. */
@Module({
  imports: [PricingModule],
  controllers: [RatesController, RateCardsController, AdminRateCardsController, AdminPricingController],
})
export class PricingHttpModule {}
