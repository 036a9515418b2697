import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { PincodeView } from '../../../../contracts';
import { assertPincode, pincodeNotFound } from '../../../domain/errors';
import { GeoStore } from '../../../infrastructure/persistence/geo-store';
import { GetPincode } from './get-pincode.query';

@QueryHandler(GetPincode)
export class GetPincodeHandler implements IQueryHandler<GetPincode, PincodeView> {
  constructor(private readonly store: GeoStore) {}

  async execute({ pincode }: GetPincode): Promise<PincodeView> {
    assertPincode(pincode, 'pincode');
    const [row] = await this.store.pincodes([pincode]);
    if (!row) throw pincodeNotFound(pincode);
    return row;
  }
}
