import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { BookShipmentHandler } from './application/commands/book-shipment/book-shipment.handler';
import { CancelShipmentHandler } from './application/commands/cancel-shipment/cancel-shipment.handler';
import { PollTrackingHandler } from './application/commands/poll-tracking/poll-tracking.handler';
import { RequestPickupHandler } from './application/commands/request-pickup/request-pickup.handler';
import { RecordTrackingHandler } from './application/commands/record-tracking/record-tracking.handler';
import { GetShipmentHandler } from './application/queries/get-shipment/get-shipment.handler';
import { ListShipmentsHandler } from './application/queries/list-shipments/list-shipments.handler';
import { ListPickupsHandler } from './application/queries/list-pickups/list-pickups.handler';
import { GetPublicTrackingHandler } from './application/queries/public-tracking/public-tracking.handler';
import { AcceptCourierWebhook } from './application/tracking-ingest/accept-courier-webhook';
import { TRACKING_INGEST_QUEUE } from './application/tracking-ingest/tracking-ingest.queue';
import { ShipmentsStore } from './infrastructure/persistence/shipments.store';

/**
 * The shipping context: booking, cancelling and tracking shipments. Needs ORDERS_FACADE, WAREHOUSES_FACADE,
 * PRICING_FACADE and COURIERS_FACADE from the process root.
 */
@Module({
  imports: [BullModule.registerQueue({ name: TRACKING_INGEST_QUEUE })],
  providers: [
    BookShipmentHandler,
    CancelShipmentHandler,
    RecordTrackingHandler,
    PollTrackingHandler,
    RequestPickupHandler,
    ListPickupsHandler,
    ListShipmentsHandler,
    GetShipmentHandler,
    GetPublicTrackingHandler,
    AcceptCourierWebhook,
    ShipmentsStore,
  ],
  exports: [AcceptCourierWebhook, BullModule],
})
export class ShippingModule {}
