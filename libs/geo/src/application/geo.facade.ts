import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { GeoFacade, PincodeView, ZoneDecision } from '../../contracts';
import { isPincode } from '../domain/pincode';
import { GeoStore } from '../infrastructure/persistence/geo-store';
import { GetZone } from './queries/get-zone/get-zone.query';

@Injectable()
export class GeoFacadeImpl implements GeoFacade {
  constructor(
    private readonly store: GeoStore,
    private readonly queries: QueryBus,
  ) {}

  async pincode(pincode: string): Promise<PincodeView | null> {
    if (!isPincode(pincode)) return null;
    return (await this.store.pincodes([pincode]))[0] ?? null;
  }

  zoneBetween(origin: string, destination: string): Promise<ZoneDecision> {
    return this.queries.execute(new GetZone(origin, destination));
  }
}
