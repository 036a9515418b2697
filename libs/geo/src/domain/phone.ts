import { Metadata, MetadataJson } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/metadata.max.json';

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
  const mobile = quickIndianMobile(text);
  if (mobile) return { valid: true, e164: mobile, kind: 'mobile' };
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

/** The parts of libphonenumber-js's Metadata (not in its typings) that its own getNumberType() reads. */
interface NumberTypeRules {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface IndiaRules {
  nationalNumberPattern(): string;
  type(name: 'MOBILE'): NumberTypeRules | undefined;
}

/** The same patterns libphonenumber-js matches (it compiles them on every call; here once). Null if its metadata API changed. */
const indianMobile = ((): { national: RegExp; mobile: RegExp } | null => {
  try {
    const metadata = new Metadata(maxMetadata as unknown as MetadataJson) as unknown as IndiaRules & { selectNumberingPlan(country: 'IN'): void };
    metadata.selectNumberingPlan('IN');
    const mobile = metadata.type('MOBILE');
    if (!mobile?.pattern() || !mobile.possibleLengths()?.includes(10)) return null;
    return { national: new RegExp(`^(?:${metadata.nationalNumberPattern()})$`), mobile: new RegExp(`^(?:${mobile.pattern()})$`) };
  } catch {
    return null;
  }
})();

/** The common shapes only: optional +91, 91 or 0, then 10 digits starting 6-9, with spaces or hyphens anywhere. */
const COMMON_SHAPE = /^\+?[\d -]+$/;
const COMMON_MOBILE = /^(?:\+91|91|0)?([6-9]\d{9})$/;

/**
 * The E.164 form of an Indian mobile written in a common shape that libphonenumber-js would call MOBILE or
 * FIXED_LINE_OR_MOBILE (both are 'mobile' here), or null: then only libphonenumber-js decides. For these shapes its
 * getType() is "matches the national pattern and the mobile pattern" (a fixed-line match only turns MOBILE into
 * FIXED_LINE_OR_MOBILE); phone.spec.ts compares the two over generated numbers.
 */
export function quickIndianMobile(text: string): string | null {
  if (!indianMobile || text.length > 20 || !COMMON_SHAPE.test(text)) return null;
  const match = COMMON_MOBILE.exec(text.replace(/[ -]/g, ''));
  if (!match) return null;
  const national = match[1];
  return indianMobile.national.test(national) && indianMobile.mobile.test(national) ? `+91${national}` : null;
}
