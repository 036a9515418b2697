import { Module } from '@nestjs/common';
import { ShippingModule } from '../../shipping.module';
import { PickupsController } from './pickups.controller';
import { ShipmentsController } from './shipments.controller';
import { TrackingController } from './tracking.controller';

/** /v1/shipments, /v1/pickups, public /v1/tracking/{awb} and the courier webhooks. */
@Module({ imports: [ShippingModule], controllers: [ShipmentsController, PickupsController, TrackingController] })
export class ShippingHttpModule {}
