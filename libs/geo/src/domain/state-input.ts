import { gstStateCodeOf, knownStateNames, normaliseStateName } from './gst-states';
import { isNearMatch } from './text-match';

/** Vehicle-registration / ISO 3166-2:IN abbreviations (old and new), as people write them in addresses. */
const ABBREVIATIONS: Record<string, string> = {
  JK: '01', HP: '02', PB: '03', CH: '04', UK: '05', UA: '05', UT: '05', HR: '06', DL: '07', RJ: '08', UP: '09', BR: '10', SK: '11', AR: '12', NL: '13',
  MN: '14', MZ: '15', TR: '16', ML: '17', AS: '18', WB: '19', JH: '20', OD: '21', OR: '21', CG: '22', CT: '22', MP: '23', GJ: '24', DD: '26', DN: '26',
  DH: '26', MH: '27', KA: '29', GA: '30', LD: '31', KL: '32', TN: '33', PY: '34', AN: '35', TS: '36', TG: '36', AP: '37', LA: '38',
};

/** Names people use that are not state names ("New Delhi", "NCR", "J&K"). Normalised. */
const EXTRA_NAMES: Record<string, string> = {
  'new delhi': '07',
  ncr: '07',
  'delhi ncr': '07',
  'nct delhi': '07',
  'j and k': '01',
  jammu: '01',
  kashmir: '01',
  'a and n islands': '35',
  andaman: '35',
  'dadra nagar haveli': '26',
  'leh ladakh': '38',
};

const GST_CODES = new Set(knownStateNames().map(([, code]) => code));
/** GST code 25 (Daman & Diu) merged into 26 in 2020. */
const RETIRED_CODES: Record<string, string> = { '25': '26' };

export type StateReading = { code: string; how: 'name' | 'abbreviation' | 'gst_code' | 'fuzzy'; suggestion?: string };

/** Readings by text as typed: a bulk import sends the same few spellings for thousands of rows. */
const readings = new Map<string, StateReading | null>();
const MAX_READINGS = 2_000;

/** Reads a typed state as a GST state code: full name, common abbreviation (KA, MH, DL), GST code ("29", "29-Karnataka"), or a near spelling. */
export function readState(value: string): StateReading | null {
  let reading = readings.get(value);
  if (reading === undefined) {
    reading = read(value);
    if (reading) Object.freeze(reading);
    if (readings.size >= MAX_READINGS) readings.clear();
    readings.set(value, reading);
  }
  return reading;
}

function read(value: string): StateReading | null {
  const text = value.trim();
  const coded = /^(\d{1,2})(?:\s*[-–:]?\s*(.*))?$/.exec(text);
  if (coded) {
    const code = RETIRED_CODES[coded[1].padStart(2, '0')] ?? coded[1].padStart(2, '0');
    if (GST_CODES.has(code)) return { code, how: 'gst_code' };
    return coded[2] ? read(coded[2]) : null;
  }
  const abbreviation = ABBREVIATIONS[text.replace(/\./g, '').toUpperCase()];
  if (abbreviation && text.replace(/\./g, '').length <= 3) return { code: abbreviation, how: 'abbreviation' };
  const name = normaliseStateName(text);
  const exact = gstStateCodeOf(name) ?? EXTRA_NAMES[name] ?? null;
  if (exact) return { code: exact, how: 'name' };
  const squashed = name.replace(/ /g, '');
  const names = [...knownStateNames(), ...Object.entries(EXTRA_NAMES)];
  const spaced = names.find(([known]) => known.replace(/ /g, '') === squashed);
  if (spaced) return { code: spaced[1], how: 'name' };
  const near = names.find(([known]) => isNearMatch(squashed, known.replace(/ /g, '')));
  if (near) return { code: near[1], how: 'fuzzy', suggestion: near[0].replace(/\b[a-z]/g, (c) => c.toUpperCase()) };
  return null;
}

/** Whether a typed state's code fits the pincode's; Ladakh pincodes may still be written as Jammu & Kashmir (pre-2019). */
export function stateAgrees(typed: string, pincodeStateCode: string): boolean {
  return typed === pincodeStateCode || (pincodeStateCode === '38' && typed === '01');
}
