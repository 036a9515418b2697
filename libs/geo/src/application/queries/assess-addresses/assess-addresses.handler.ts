import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AddressAssessment, assessAddressQuality } from '../../../domain/address-quality';
import { isPincode } from '../../../domain/pincode';
import { GeoStore } from '../../../infrastructure/persistence/geo-store';
import { AssessAddresses } from './assess-addresses.query';

const SLICE = 100;

@QueryHandler(AssessAddresses)
export class AssessAddressesHandler implements IQueryHandler<AssessAddresses, AddressAssessment[]> {
  constructor(private readonly store: GeoStore) {}

  async execute({ addresses }: AssessAddresses): Promise<AddressAssessment[]> {
    const pins = [...new Set(addresses.map((a) => (a.pincode ?? '').trim()).filter(isPincode))];
    const directory = new Map((pins.length ? await this.store.pincodes(pins) : []).map((p) => [p.pincode, p]));
    const assessed: AddressAssessment[] = [];
    for (const address of addresses) {
      // A bulk placement sends a thousand addresses: let pending I/O (its previous batch's writes) run between slices.
      if (assessed.length > 0 && assessed.length % SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      assessed.push(assessAddressQuality(address, directory.get((address.pincode ?? '').trim()) ?? null));
    }
    return assessed;
  }
}
