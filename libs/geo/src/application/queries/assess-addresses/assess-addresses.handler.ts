import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AddressAssessment, assessAddressQuality } from '../../../domain/address-quality';
import { isPincode } from '../../../domain/pincode';
import { GeoStore } from '../../../infrastructure/persistence/geo-store';
import { AssessAddresses } from './assess-addresses.query';

@QueryHandler(AssessAddresses)
export class AssessAddressesHandler implements IQueryHandler<AssessAddresses, AddressAssessment[]> {
  constructor(private readonly store: GeoStore) {}

  async execute({ addresses }: AssessAddresses): Promise<AddressAssessment[]> {
    const pins = [...new Set(addresses.map((a) => (a.pincode ?? '').trim()).filter(isPincode))];
    const directory = new Map((pins.length ? await this.store.pincodes(pins) : []).map((p) => [p.pincode, p]));
    return addresses.map((address) => assessAddressQuality(address, directory.get((address.pincode ?? '').trim()) ?? null));
  }
}
