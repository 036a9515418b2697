import { Module } from '@nestjs/common';
import { PricingModule } from '../../pricing.module';
import { PricingSchedules } from './pricing.schedules';

/** The worker's pricing schedules. */
@Module({ imports: [PricingModule], providers: [PricingSchedules] })
export class PricingJobsModule {}
