import type { Pincode } from './pincode';
import { isNearMatch, normaliseName } from './text-match';

/** Names of one city, old and new (and the district some cities are filed under). Normalised spellings. */
const ALIASES: string[][] = [
  ['bengaluru', 'bangalore'],
  ['mumbai', 'bombay'],
  ['kolkata', 'calcutta'],
  ['chennai', 'madras'],
  ['gurugram', 'gurgaon'],
  ['thiruvananthapuram', 'trivandrum'],
  ['kochi', 'cochin', 'ernakulam'],
  ['pune', 'poona'],
  ['mysuru', 'mysore'],
  ['mangaluru', 'mangalore'],
  ['belagavi', 'belgaum'],
  ['hubballi', 'hubli'],
  ['kalaburagi', 'gulbarga'],
  ['vijayapura', 'bijapur'],
  ['ballari', 'bellary'],
  ['shivamogga', 'shimoga'],
  ['tumakuru', 'tumkur'],
  ['vadodara', 'baroda'],
  ['varanasi', 'benares', 'banaras'],
  ['prayagraj', 'allahabad'],
  ['kozhikode', 'calicut'],
  ['thrissur', 'trichur'],
  ['puducherry', 'pondicherry'],
  ['tiruchirappalli', 'trichy', 'tiruchchirappalli', 'trichinopoly'],
  ['visakhapatnam', 'vizag', 'vishakhapatnam', 'waltair'],
  ['shimla', 'simla'],
  ['kanpur', 'cawnpore'],
  ['thoothukudi', 'tuticorin'],
  ['ayodhya', 'faizabad'],
  ['mohali', 'sas nagar', 'sahibzada ajit singh nagar'],
  ['delhi', 'new delhi', 'delhi ncr'],
];

/** Cities whose name no district carries, or that spill into neighbouring districts: city → districts it covers. */
const AREAS: Record<string, string[]> = {
  mumbai: ['mumbai suburban', 'thane'],
  'navi mumbai': ['thane', 'raigarh'],
  noida: ['gautam buddha nagar'],
  'greater noida': ['gautam buddha nagar'],
  hyderabad: ['k v rangareddy', 'medchal'],
  secunderabad: ['hyderabad', 'k v rangareddy', 'medchal'],
  cyberabad: ['k v rangareddy', 'medchal'],
  kolkata: ['howrah', 'north 24 parganas', 'south 24 parganas'],
  chennai: ['kanchipuram', 'tiruvallur'],
  'pimpri chinchwad': ['pune'],
};

/** Words that qualify a district or place without naming a different city ("South West Delhi", "Bangalore Rural"). */
const QUALIFIERS = new Set(['north', 'south', 'east', 'west', 'central', 'rural', 'urban', 'suburban', 'city', 'district', 'dist', 'town', 'cantt', 'cantonment']);
/** Post-office suffixes in GeoNames place names ("Bangalore G.P.O.", "Kochi H.O", "Thane R.S."). */
const POST_OFFICE = / (g p o|gpo|h o|ho|s o|so|b o|bo|r s|rs|kty|bazar|market|collectorate|port)\b.*$/;

const aliasGroup = new Map<string, string[]>();
for (const group of ALIASES) for (const name of group) aliasGroup.set(name, group);

/** Every name the same city goes by (the name itself first). */
export function cityNames(name: string): string[] {
  const group = aliasGroup.get(name);
  return group ? [name, ...group.filter((n) => n !== name)] : [name];
}

/** A city as typed, reduced to its name: "Bangalore City" → "bangalore", "Mysore Dist." → "mysore". */
export function cityKey(value: string): string {
  const words = normaliseName(value).split(' ');
  const kept = words.filter((w) => !QUALIFIERS.has(w));
  return (kept.length ? kept : words).join(' ');
}

/** Pincode records are shared, read-only reference data: their names are worked out once per record (bulk imports ask per row). */
const candidatesByPincode = new WeakMap<object, string[]>();

/** The names a pincode answers to: its district and its places, without qualifiers and post-office suffixes; bracketed names too ("Vashi (Thane)"). */
function candidatesOf(pin: Pick<Pincode, 'district' | 'places'>): string[] {
  let known = candidatesByPincode.get(pin);
  if (!known) candidatesByPincode.set(pin, (known = namesOf(pin)));
  return known;
}

function namesOf(pin: Pick<Pincode, 'district' | 'places'>): string[] {
  const out = new Set<string>();
  const add = (raw: string) => {
    const key = cityKey(normaliseName(raw).replace(POST_OFFICE, ' ')).replace(/\b(sector|sec|phase)\b.*$/, '').replace(/\b([0-9]+|[ivx]+)$/, '').trim();
    if (key.length >= 3) out.add(key);
  };
  for (const name of [pin.district, ...pin.places]) {
    add(name.replace(/\(.*?\)/g, ' '));
    for (const [, inner] of name.matchAll(/\(([^)]+)\)/g)) add(inner);
  }
  return [...out];
}

const titleCase = (key: string) => key.replace(/\b[a-z]/g, (c) => c.toUpperCase());

export type CityAgreement = { how: 'exact' | 'alias' | 'area' } | { how: 'fuzzy'; suggestion: string };

/**
 * Whether a typed city agrees with the pincode: its district or one of its places (exact, or by a place name starting
 * with the city: "Noida" ~ "Noida Sector 27"), an old/new name (Bombay ~ Mumbai), a city spanning the district
 * (Navi Mumbai ~ Thane), or the same give or take a typo (fuzzy, with a suggestion). Null when nothing agrees.
 */
export function cityAgreement(city: string, pin: Pick<Pincode, 'district' | 'places'>): CityAgreement | null {
  let answers = agreementsByPincode.get(pin);
  if (!answers) agreementsByPincode.set(pin, (answers = new Map()));
  let answer = answers.get(city);
  if (answer === undefined) {
    answer = agreement(city, pin);
    if (answer) Object.freeze(answer);
    if (answers.size >= MAX_AGREEMENTS_PER_PINCODE) answers.clear();
    answers.set(city, answer);
  }
  return answer;
}

/** Answers by pincode record and city as typed: a bulk import sends the same few spellings for thousands of rows. */
const agreementsByPincode = new WeakMap<object, Map<string, CityAgreement | null>>();
const MAX_AGREEMENTS_PER_PINCODE = 256;

function agreement(city: string, pin: Pick<Pincode, 'district' | 'places'>): CityAgreement | null {
  const typed = cityKey(city);
  if (typed.length < 2) return null;
  const candidates = candidatesOf(pin);
  const names = (key: string, name: string) => key === name || (name.length >= 4 && key.startsWith(`${name} `));
  if (candidates.some((c) => names(c, typed))) return { how: 'exact' };
  const aliases = cityNames(typed).slice(1);
  if (candidates.some((c) => aliases.some((a) => names(c, a)))) return { how: 'alias' };
  const district = cityKey(pin.district.replace(/\(.*?\)/g, ' '));
  if ([typed, ...aliases].some((a) => AREAS[a]?.includes(district))) return { how: 'area' };
  const width = typed.split(' ').length;
  for (const c of candidates) {
    // The whole name, its leading words as many as typed ("gurgoan" ~ "gurgaon south city"), and its other names.
    const forms = new Set([c, c.split(' ').slice(0, width).join(' '), ...cityNames(c).slice(1)]);
    const near = [...forms].find((f) => isNearMatch(typed, f));
    if (near) return { how: 'fuzzy', suggestion: titleCase(near) };
  }
  return null;
}
