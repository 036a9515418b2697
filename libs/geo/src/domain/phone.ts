import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneCheck = { valid: true; e164: string; kind: 'mobile' | 'landline' } | { valid: false; reason: string };

/** Results by trimmed input: libphonenumber-js builds its (large) RegExps again on every call, and imports repeat buyers. */
const checked = new Map<string, PhoneCheck>();
const MAX_CACHED = 20_000;

/**
 * An Indian phone number as customers write it ("98765 43210", "+91-9876543210", "09876543210", "080-2345 6789"),
 * checked with libphonenumber-js (full metadata, India by default) and normalised to E.164. Mobiles must be 10 digits
 * starting 6-9; numbers of other countries are refused (couriers call the buyer on an Indian number).
 */
export function checkIndianPhone(value: string): PhoneCheck {
  const text = value.trim();
  let result = checked.get(text);
  if (!result) {
    result = Object.freeze(check(text));
    if (checked.size >= MAX_CACHED) checked.clear();
    checked.set(text, result);
  }
  return result;
}

function check(text: string): PhoneCheck {
  const parsed = parsePhoneNumberFromString(text, 'IN');
  // isValid() is getType() !== undefined for every country with type metadata (India included): ask for the type once,
  // and isValid() only for a number no type matched.
  const type = parsed?.getType();
  if (!parsed || (type === undefined && !parsed.isValid())) return { valid: false, reason: 'is not a valid phone number' };
  if (parsed.country !== 'IN') return { valid: false, reason: 'must be an Indian (+91) number' };
  const national = String(parsed.nationalNumber);
  if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') {
    if (!/^[6-9]\d{9}$/.test(national)) return { valid: false, reason: 'an Indian mobile number has 10 digits starting with 6-9' };
    return { valid: true, e164: parsed.number, kind: 'mobile' };
  }
  return { valid: true, e164: parsed.number, kind: 'landline' };
}
