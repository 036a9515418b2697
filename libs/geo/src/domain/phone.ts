import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneCheck = { valid: true; e164: string; kind: 'mobile' | 'landline' } | { valid: false; reason: string };

/**
 * An Indian phone number as customers write it ("98765 43210", "+91-9876543210", "09876543210", "080-2345 6789"),
 * checked with libphonenumber-js (full metadata, India by default) and normalised to E.164. Mobiles must be 10 digits
 * starting 6-9; numbers of other countries are refused (couriers call the buyer on an Indian number).
 */
export function checkIndianPhone(value: string): PhoneCheck {
  const parsed = parsePhoneNumberFromString(value.trim(), 'IN');
  if (!parsed || !parsed.isValid()) return { valid: false, reason: 'is not a valid phone number' };
  if (parsed.country !== 'IN') return { valid: false, reason: 'must be an Indian (+91) number' };
  const type = parsed.getType();
  const national = String(parsed.nationalNumber);
  if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') {
    if (!/^[6-9]\d{9}$/.test(national)) return { valid: false, reason: 'an Indian mobile number has 10 digits starting with 6-9' };
    return { valid: true, e164: parsed.number, kind: 'mobile' };
  }
  return { valid: true, e164: parsed.number, kind: 'landline' };
}
