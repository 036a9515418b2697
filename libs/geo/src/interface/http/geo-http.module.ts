import { Module } from '@nestjs/common';
import { GeoModule } from '../../geo.module';
import { AddressesController } from './addresses.controller';
import { AdminZoneListsController } from './admin-zone-lists.controller';
import { PincodesController } from './pincodes.controller';
import { ZonesController } from './zones.controller';

/** The geo HTTP API (pincode lookup and search, zones and company custom zones, address validation, admin zone lists). */
@Module({
  imports: [GeoModule],
  controllers: [PincodesController, ZonesController, AddressesController, AdminZoneListsController],
})
export class GeoHttpModule {}
