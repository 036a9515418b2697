import { DomainError } from '@shipcrowd/kernel';
import { isPincode } from './pincode';

export function assertPincode(value: string, field: string): void {
  if (!isPincode(value)) {
    throw new DomainError('geo.invalid_pincode', `${field} must be a 6-digit Indian pincode not starting with 0`, 'validation', {
      errors: [{ field, message: 'must be 6 digits, the first 1-9', code: 'geo.invalid_pincode' }],
    });
  }
}

export function pincodeNotFound(pincode: string): DomainError {
  return new DomainError('geo.pincode_not_found', `Pincode ${pincode} is not in the directory`, 'not_found', { pincode });
}
