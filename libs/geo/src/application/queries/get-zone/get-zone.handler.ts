import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ZoneDecision } from '../../../../contracts';
import { assertPincode, pincodeNotFound } from '../../../domain/errors';
import { decideZone } from '../../../domain/zone';
import { GeoStore } from '../../../infrastructure/persistence/geo-store';
import { GetZone } from './get-zone.query';

@QueryHandler(GetZone)
export class GetZoneHandler implements IQueryHandler<GetZone, ZoneDecision> {
  constructor(private readonly store: GeoStore) {}

  async execute({ origin, destination }: GetZone): Promise<ZoneDecision> {
    assertPincode(origin, 'origin');
    assertPincode(destination, 'destination');
    const rows = await this.store.pincodes([origin, destination]);
    const from = rows.find((r) => r.pincode === origin);
    const to = rows.find((r) => r.pincode === destination);
    if (!from) throw pincodeNotFound(origin);
    if (!to) throw pincodeNotFound(destination);
    const lists = await this.store.activeLists();
    const { zone, reason } = decideZone(from, to, lists);
    return { zone, reason, origin: from, destination: to, listsVersion: lists.version };
  }
}
