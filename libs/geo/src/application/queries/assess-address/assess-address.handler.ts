import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AddressAssessment, assessAddressQuality } from '../../../domain/address-quality';
import { isPincode } from '../../../domain/pincode';
import { GeoStore } from '../../../infrastructure/persistence/geo-store';
import { AssessAddress } from './assess-address.query';

@QueryHandler(AssessAddress)
export class AssessAddressHandler implements IQueryHandler<AssessAddress, AddressAssessment> {
  constructor(private readonly store: GeoStore) {}

  async execute({ address }: AssessAddress): Promise<AddressAssessment> {
    const pincode = (address.pincode ?? '').trim();
    const [directory] = isPincode(pincode) ? await this.store.pincodes([pincode]) : [];
    return assessAddressQuality(address, directory ?? null);
  }
}
