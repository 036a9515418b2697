import { hasHouseNumber, hasLandmark } from './address-lines';
import { cityAgreement } from './city-names';
import { checkIndianPhone } from './phone';
import { isPincode, Pincode } from './pincode';
import { readState, stateAgrees } from './state-input';

export interface AddressInput {
  line1: string;
  line2?: string | null;
  landmark?: string | null;
  city: string;
  state: string;
  pincode: string;
  /** Indian mobile or landline; +91 / 0 prefixes allowed. */
  phone?: string | null;
}

export interface AddressIssue {
  /** Stable code, e.g. 'pincode_unknown', 'city_mismatch', 'state_mismatch', 'house_number_missing', 'landmark_missing', 'phone_invalid'. */
  code: string;
  field: string;
  message: string;
  /** Points this issue took off the score. */
  penalty: number;
}

export interface AddressAssessment {
  /** 0-100; 100 = nothing to fix. */
  score: number;
  /** 'good' >= 80, 'fair' >= 50, else 'poor'. */
  grade: 'good' | 'fair' | 'poor';
  issues: AddressIssue[];
  /** What the directory says about the pincode (null when unknown). */
  pincode: Pincode | null;
  /** Phone in E.164 (+91...) when valid. */
  normalizedPhone: string | null;
}

/** Points each issue costs. A bad pincode alone makes an address poor: nothing can be routed to it. */
export const PENALTIES = {
  pincode_invalid: 60,
  pincode_unknown: 60,
  city_mismatch: 20,
  city_misspelt: 5,
  state_mismatch: 20,
  state_unrecognised: 15,
  house_number_missing: 20,
  landmark_missing: 5,
  phone_invalid: 20,
  phone_missing: 10,
} as const;

export type AddressIssueCode = keyof typeof PENALTIES;

export function gradeOf(score: number): AddressAssessment['grade'] {
  return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

/**
 * Scores an address: 100 minus the penalty of every issue found, never below 0. `directory` is what the pincode
 * directory holds for address.pincode (null when the pincode is malformed or unknown): city and state are checked
 * against it only when it is known.
 */
export function assessAddressQuality(address: AddressInput, directory: Pincode | null): AddressAssessment {
  const issues: AddressIssue[] = [];
  const flag = (code: AddressIssueCode, field: string, message: string) => issues.push({ code, field, message, penalty: PENALTIES[code] });
  const pincode = (address.pincode ?? '').trim();

  if (!isPincode(pincode)) flag('pincode_invalid', 'pincode', `"${pincode.slice(0, 12)}" is not a 6-digit pincode (the first digit 1-9)`);
  else if (!directory) flag('pincode_unknown', 'pincode', `Pincode ${pincode} is not in the pincode directory`);
  else {
    const where = `${directory.district}, ${directory.state}`;
    const city = cityAgreement(address.city ?? '', directory);
    if (!city) flag('city_mismatch', 'city', `City "${(address.city ?? '').trim()}" does not match pincode ${pincode} (${where})`);
    else if (city.how === 'fuzzy') flag('city_misspelt', 'city', `City "${address.city.trim()}" looks like a misspelling of ${city.suggestion}`);
    const state = readState(address.state ?? '');
    if (!state) flag('state_unrecognised', 'state', `State "${(address.state ?? '').trim()}" is not a recognised Indian state or union territory`);
    else if (!stateAgrees(state.code, directory.gstStateCode)) flag('state_mismatch', 'state', `State "${address.state.trim()}" does not match pincode ${pincode}, which is in ${directory.state}`);
  }

  if (!hasHouseNumber(address.line1, address.line2)) flag('house_number_missing', 'line1', 'No house, flat, plot or door number found in the address lines');
  if (!hasLandmark(address.landmark, address.line1, address.line2)) flag('landmark_missing', 'landmark', 'No landmark given (e.g. "Near City Hospital")');

  let normalizedPhone: string | null = null;
  const phone = (address.phone ?? '').trim();
  if (!phone) flag('phone_missing', 'phone', 'No phone number: couriers call the buyer before delivery');
  else {
    const checked = checkIndianPhone(phone);
    if (checked.valid) normalizedPhone = checked.e164;
    else flag('phone_invalid', 'phone', `Phone "${phone.slice(0, 20)}" ${checked.reason}`);
  }

  const score = Math.max(0, 100 - issues.reduce((sum, i) => sum + i.penalty, 0));
  return { score, grade: gradeOf(score), issues, pincode: directory, normalizedPhone };
}
