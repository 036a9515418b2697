import { Module } from '@nestjs/common';
import { ShippingModule } from '../../shipping.module';
import { TrackingIngestProcessor } from './tracking-ingest.processor';
import { TrackingSchedules } from './tracking.schedules';

/** The worker's shipping jobs: recording queued webhook scans and the tracking poll. */
@Module({ imports: [ShippingModule], providers: [TrackingIngestProcessor, TrackingSchedules] })
export class ShippingJobsModule {}
