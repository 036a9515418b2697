import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { AddressAssessment, AddressInput, DirectoryPincode, GeoFacade, PincodeView, ZoneDecision } from '../../contracts';
import { isPincode } from '../domain/pincode';
import { CustomZoneStore } from '../infrastructure/persistence/custom-zone-store';
import { GeoStore } from '../infrastructure/persistence/geo-store';
import { AssessAddresses } from './queries/assess-addresses/assess-addresses.query';
import { GetZone } from './queries/get-zone/get-zone.query';
import { ZoneCaches } from './zone-caches';

@Injectable()
export class GeoFacadeImpl implements GeoFacade {
  constructor(
    private readonly store: GeoStore,
    private readonly customZones: CustomZoneStore,
    private readonly queries: QueryBus,
    private readonly caches: ZoneCaches,
  ) {}

  zoneRevision(companyId: string): Promise<string> {
    return this.caches.revisions.get(ZoneCaches.revisionKey(companyId), () => this.store.read((tx) => this.customZones.zoneRevision(tx, companyId), companyId));
  }

  async pincode(pincode: string): Promise<PincodeView | null> {
    if (!isPincode(pincode)) return null;
    return (await this.store.pincodes([pincode]))[0] ?? null;
  }

  zoneBetween(origin: string, destination: string, companyId?: string): Promise<ZoneDecision> {
    return this.queries.execute(new GetZone(origin, destination, companyId ?? null));
  }

  async assessAddress(address: AddressInput): Promise<AddressAssessment> {
    return (await this.assessAddresses([address]))[0];
  }

  assessAddresses(addresses: AddressInput[]): Promise<AddressAssessment[]> {
    return this.queries.execute(new AssessAddresses(addresses));
  }

  allPincodes(): Promise<DirectoryPincode[]> {
    return this.store.allPincodes();
  }
}
