/**
 * Indian mobile numbers: 10 digits starting 6-9, optionally written with +91 (E.164).
 * Returns the E.164 form, or null when the input is not an Indian mobile number.
 */
export function normaliseIndianMobile(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '');
  const match = /^(?:\+91)?([6-9]\d{9})$/.exec(compact);
  return match ? `+91${match[1]}` : null;
}

export const INDIAN_MOBILE_PATTERN = /^(?:\+91)?[6-9]\d{9}$/;
