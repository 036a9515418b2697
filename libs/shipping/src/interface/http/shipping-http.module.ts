import { Module } from '@nestjs/common';
import { ShippingModule } from '../../shipping.module';
import { ShipmentLiveBacklog } from '../../infrastructure/live/shipment-live-backlog';
import { ShipmentLiveFeed } from '../../infrastructure/live/shipment-live-feed';
import { ShipmentsGateway } from '../live/shipments.gateway';
import { DocumentsController } from './documents.controller';
import { PickupsController } from './pickups.controller';
import { ShipmentBatchesController } from './shipment-batches.controller';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsLiveController } from './shipments-live.controller';
import { TrackingController } from './tracking.controller';
import { TrackingPageController } from './tracking-page.controller';
import { AdminWeightDiscrepanciesController, WeightDiscrepanciesController } from './weight-discrepancies.controller';

/** /v1/shipments (with live updates over SSE and the Socket.IO namespace /shipments), /v1/pickups, public /v1/tracking/{awb}, the buyer's page /track/{awb} and the courier webhooks. */
@Module({ imports: [ShippingModule], providers: [ShipmentLiveFeed, ShipmentLiveBacklog, ShipmentsGateway], controllers: [ShipmentsLiveController, ShipmentsController, DocumentsController, TrackingPageController, PickupsController, TrackingController, ShipmentBatchesController, WeightDiscrepanciesController, AdminWeightDiscrepanciesController] })
export class ShippingHttpModule {}
