const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * Accepts E.164 (`+919876543210`) or an Indian mobile number written the usual ways
 * (`98765 43210`, `098765-43210`, `91 98765 43210`) and returns E.164, or null.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s().-]/g, '');
  if (/^[6-9]\d{9}$/.test(compact)) return `+91${compact}`;
  if (/^0[6-9]\d{9}$/.test(compact)) return `+91${compact.slice(1)}`;
  if (/^91[6-9]\d{9}$/.test(compact)) return `+${compact}`;
  return E164.test(compact) ? compact : null;
}

/** `+91******3210`: enough for the user to recognise, not enough to harvest. */
export function maskPhone(e164: string): string {
  const visibleEnd = 4;
  const countryCode = e164.startsWith('+91') ? 3 : 2;
  return e164.slice(0, countryCode) + '*'.repeat(Math.max(0, e164.length - countryCode - visibleEnd)) + e164.slice(-visibleEnd);
}
