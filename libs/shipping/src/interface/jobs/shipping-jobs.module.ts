import { Module } from '@nestjs/common';
import { ShippingModule } from '../../shipping.module';
import { ShipmentLiveBacklog } from '../../infrastructure/live/shipment-live-backlog';
import { LiveUpdatesPublisher } from './live-updates.publisher';
import { ShipmentBatchProcessor } from './shipment-batch.processor';
import { StaleBookingsSchedules } from './stale-bookings.schedules';
import { TrackingIngestProcessor } from './tracking-ingest.processor';
import { TrackingSchedules } from './tracking.schedules';
import { WeightDiscrepancySchedules } from './weight-discrepancy.schedules';

/** The worker's shipping jobs: recording queued webhook scans, the tracking poll, publishing live updates, booking shipment batches and reconciling bookings left in flight. */
@Module({ imports: [ShippingModule], providers: [ShipmentLiveBacklog, LiveUpdatesPublisher, TrackingIngestProcessor, ShipmentBatchProcessor, TrackingSchedules, WeightDiscrepancySchedules, StaleBookingsSchedules] })
export class ShippingJobsModule {}
