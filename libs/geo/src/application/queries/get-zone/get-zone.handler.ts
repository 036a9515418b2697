import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ZoneDecision } from '../../../../contracts';
import { assertPincode, pincodeNotFound } from '../../../domain/errors';
import { decideZone } from '../../../domain/zone';
import { GeoStore } from '../../../infrastructure/persistence/geo-store';
import { CustomZoneMatcher } from '../../custom-zone-matcher';
import { GetZone } from './get-zone.query';

@QueryHandler(GetZone)
export class GetZoneHandler implements IQueryHandler<GetZone, ZoneDecision> {
  constructor(
    private readonly store: GeoStore,
    private readonly customZones: CustomZoneMatcher,
  ) {}

  execute({ origin, destination, companyId }: GetZone): Promise<ZoneDecision> {
    assertPincode(origin, 'origin');
    assertPincode(destination, 'destination');
    // One transaction for the whole decision; in the company's scope when there is one (custom zones are tenant data).
    return this.store.read(async (tx) => {
      const rows = await this.store.pincodes([origin, destination]);
      const from = rows.find((r) => r.pincode === origin);
      const to = rows.find((r) => r.pincode === destination);
      if (!from) throw pincodeNotFound(origin);
      if (!to) throw pincodeNotFound(destination);
      const lists = await this.store.activeLists();
      const listsVersion = lists.version;
      const custom = companyId ? await this.customZones.match(tx, companyId, from, to) : null;
      if (custom) {
        return { zone: custom.rule.zone, customZone: { id: custom.rule.id, name: custom.rule.name, matchedBy: custom.matchedBy }, reason: custom.reason, origin: from, destination: to, listsVersion };
      }
      const { zone, reason } = decideZone(from, to, lists);
      return { zone, customZone: null, reason, origin: from, destination: to, listsVersion };
    }, companyId);
  }
}
