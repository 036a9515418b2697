/**
 * GST state codes by state name. GeoNames (and older sources) spell some states differently, so names are
 * normalised (case, '&' → 'and', punctuation) and historical spellings map to today's code.
 */
const CODES: Record<string, string> = {
  'jammu and kashmir': '01',
  'himachal pradesh': '02',
  punjab: '03',
  chandigarh: '04',
  uttarakhand: '05',
  uttaranchal: '05',
  haryana: '06',
  delhi: '07',
  'nct of delhi': '07',
  rajasthan: '08',
  'uttar pradesh': '09',
  bihar: '10',
  sikkim: '11',
  'arunachal pradesh': '12',
  nagaland: '13',
  manipur: '14',
  mizoram: '15',
  tripura: '16',
  meghalaya: '17',
  assam: '18',
  'west bengal': '19',
  jharkhand: '20',
  odisha: '21',
  orissa: '21',
  chhattisgarh: '22',
  chattisgarh: '22',
  'madhya pradesh': '23',
  gujarat: '24',
  'dadra and nagar haveli and daman and diu': '26',
  'dadra and nagar haveli': '26',
  'daman and diu': '26',
  maharashtra: '27',
  karnataka: '29',
  goa: '30',
  lakshadweep: '31',
  kerala: '32',
  'tamil nadu': '33',
  puducherry: '34',
  pondicherry: '34',
  'andaman and nicobar islands': '35',
  'andaman and nicobar': '35',
  telangana: '36',
  'andhra pradesh': '37',
  ladakh: '38',
  'other territory': '97',
};

/** Every state name (and historical spelling) known, normalised, with its GST code. */
export function knownStateNames(): [string, string][] {
  return Object.entries(CODES);
}

/** Ladakh became its own union territory (GST 38) in 2019; GeoNames still files Leh and Kargil under Jammu & Kashmir. */
const LADAKH_DISTRICTS = new Set(['leh', 'kargil', 'leh ladakh']);

export function normaliseStateName(name: string): string {
  return name.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z ]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The GST state code for a state (and, for Ladakh, its district), or null when the name is unknown. */
export function gstStateCodeOf(stateName: string, district?: string): string | null {
  const code = CODES[normaliseStateName(stateName)] ?? null;
  if (code === '01' && district && LADAKH_DISTRICTS.has(normaliseStateName(district))) return '38';
  return code;
}

/** Display name for the state a GST code stands for when GeoNames' state differs (Ladakh). */
export function stateNameFor(gstStateCode: string, geonamesState: string): string {
  return gstStateCode === '38' ? 'Ladakh' : geonamesState;
}
