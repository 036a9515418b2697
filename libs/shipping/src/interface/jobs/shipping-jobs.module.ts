import { Module } from '@nestjs/common';
import { ShippingModule } from '../../shipping.module';
import { LiveUpdatesPublisher } from './live-updates.publisher';
import { ShipmentBatchProcessor } from './shipment-batch.processor';
import { TrackingIngestProcessor } from './tracking-ingest.processor';
import { TrackingSchedules } from './tracking.schedules';
import { WeightDiscrepancySchedules } from './weight-discrepancy.schedules';

/** The worker's shipping jobs: recording queued webhook scans, the tracking poll, publishing live updates and booking shipment batches. */
@Module({ imports: [ShippingModule], providers: [LiveUpdatesPublisher, TrackingIngestProcessor, ShipmentBatchProcessor, TrackingSchedules, WeightDiscrepancySchedules] })
export class ShippingJobsModule {}
