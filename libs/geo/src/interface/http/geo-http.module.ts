import { Module } from '@nestjs/common';
import { GeoModule } from '../../geo.module';
import { AdminZoneListsController } from './admin-zone-lists.controller';
import { PincodesController } from './pincodes.controller';

/** The geo HTTP API (pincode lookup and search, zones, admin zone lists). */
@Module({
  imports: [GeoModule],
  controllers: [PincodesController, AdminZoneListsController],
})
export class GeoHttpModule {}
