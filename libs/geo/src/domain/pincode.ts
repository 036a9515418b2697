/** Indian PIN: six digits, the first 1-9 (postal region). */
export const PINCODE_PATTERN = /^[1-9][0-9]{5}$/;

export function isPincode(value: string): boolean {
  return PINCODE_PATTERN.test(value);
}

export interface Pincode {
  pincode: string;
  /** The pincode's first place (usually its head / general post office); `places` lists every place. */
  place: string;
  places: string[];
  district: string;
  state: string;
  /** GST state code (two digits, e.g. '27' Maharashtra). */
  gstStateCode: string;
  latitude: number | null;
  longitude: number | null;
}
