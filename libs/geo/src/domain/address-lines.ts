/**
 * Heuristics on free-text address lines. Indian addresses put the house, flat or plot number anywhere ("12, MG Road",
 * "Flat 302, Sunrise Apts", "H.No 4-5-6/7", "#45 2nd Cross"), and also carry numbers that are not one (sector, phase,
 * cross, main, road, floor, "100 Feet Road", a pincode or a phone number).
 */
const NOT_A_HOUSE = new Set([
  'sector', 'sec', 'phase', 'ph', 'block', 'blk', 'stage', 'road', 'rd', 'street', 'st', 'lane', 'ln', 'cross', 'main', 'km', 'nh', 'sh', 'highway',
  'ward', 'gali', 'galli', 'zone', 'floor', 'flr', 'feet', 'ft', 'metre', 'meter', 'mtr', 'avenue', 'ave', 'marg', 'pocket', 'pin', 'pincode', 'mobile', 'phone', 'ph no',
]);
const PREFIXED = /^(sector|sec|phase|ph|block|blk|stage|road|rd|street|st|lane|cross|main|km|nh|sh|ward|gali|zone|pocket)[-.:]?\d/;
const ORDINAL = /^\d+(st|nd|rd|th)?$/;

const words = (text: string) => text.toLowerCase().split(/[\s,;]+/).filter(Boolean);
const bare = (word: string | undefined) => (word ?? '').replace(/[^a-z0-9]/g, '');

/** True when line 1 or 2 carries something that reads as a house, flat, plot or door number. */
export function hasHouseNumber(line1: string, line2?: string | null): boolean {
  const text = `${line1 ?? ''} , ${line2 ?? ''}`;
  if (!/\d/.test(text)) return false;
  const tokens = words(text);
  return tokens.some((token, i) => {
    const digits = digitCount(token);
    if (digits === 0) return false;
    if (digits >= 6) return false; // a pincode or a phone number
    if (PREFIXED.test(token)) return false;
    if (NOT_A_HOUSE.has(bare(tokens[i - 1]))) return false;
    if (ORDINAL.test(bare(token)) && NOT_A_HOUSE.has(bare(tokens[i + 1]))) return false;
    return true;
  });
}

function digitCount(token: string): number {
  let n = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

const LANDMARK_WORDS = /\b(near|nr|opp|opposite|behind|beside|besides|next to|adjacent|landmark|in front of|above|below)\b/i;

/** True when a landmark is given, or the lines point at one ("Near City Hospital", "Opp. SBI"). */
export function hasLandmark(landmark: string | null | undefined, line1: string, line2?: string | null): boolean {
  return (landmark ?? '').trim().length >= 3 || LANDMARK_WORDS.test(`${line1 ?? ''} ${line2 ?? ''}`);
}
