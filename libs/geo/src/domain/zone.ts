/**
 * Shipping zones, as Indian aggregators define them (Shiprocket help article 43000664184):
 * A same city, B same state, C metro to metro, D rest of India, E special regions.
 *
 * Decisions (documented here and repeated in each decision's reason):
 * - "Same city" = same metro city (a metro spans several districts, e.g. Delhi NCR), else same district.
 *   A district is a fair proxy for a city outside metros; GeoNames has no city field.
 * - Precedence: A, then E, then B, then C, then D. A parcel that stays inside one city is local even in a
 *   special region (couriers deliver it from the same hub); otherwise a special region at either end makes
 *   it E. Same state beats metro-to-metro, so Mumbai → Pune is B (the aggregators' rule: state before metro).
 */
export type Zone = 'A' | 'B' | 'C' | 'D' | 'E';

export interface ZoneEndpoint {
  pincode: string;
  district: string;
  state: string;
  gstStateCode: string;
}

export interface MetroCity {
  city: string;
  districts: string[];
}

export interface ZoneLists {
  metros: MetroCity[];
  /** GST state codes of special regions. */
  specialStateCodes: string[];
}

export interface ZoneDecision {
  zone: Zone;
  reason: string;
}

const key = (s: string) => s.trim().toLowerCase();

export function metroOf(endpoint: ZoneEndpoint, lists: ZoneLists): MetroCity | null {
  const district = key(endpoint.district);
  return lists.metros.find((m) => m.districts.some((d) => key(d) === district)) ?? null;
}

export function decideZone(origin: ZoneEndpoint, destination: ZoneEndpoint, lists: ZoneLists): ZoneDecision {
  const originMetro = metroOf(origin, lists);
  const destinationMetro = metroOf(destination, lists);
  if (originMetro && destinationMetro && originMetro.city === destinationMetro.city) {
    return { zone: 'A', reason: `Same city: both pincodes are in ${originMetro.city}` };
  }
  if (key(origin.district) === key(destination.district) && origin.gstStateCode === destination.gstStateCode) {
    return { zone: 'A', reason: `Same city: both pincodes are in ${origin.district} district (same-city check comes before special regions)` };
  }
  const special = new Set(lists.specialStateCodes);
  const specialEnds = [origin, destination].filter((e) => special.has(e.gstStateCode));
  if (specialEnds.length > 0) {
    const names = [...new Set(specialEnds.map((e) => e.state))].join(' and ');
    return { zone: 'E', reason: `Special region: ${names} is on the special-zone list (applies unless both pincodes are in the same city)` };
  }
  if (origin.gstStateCode === destination.gstStateCode) {
    return { zone: 'B', reason: `Same state: both pincodes are in ${origin.state} (same state takes precedence over metro to metro)` };
  }
  if (originMetro && destinationMetro) {
    return { zone: 'C', reason: `Metro to metro: ${originMetro.city} to ${destinationMetro.city}` };
  }
  return { zone: 'D', reason: `Rest of India: ${origin.state} to ${destination.state}, not both metros and no special region` };
}

/** Version 1 of the lists (seeded): metros as districts (GeoNames spellings), special regions as GST state codes. */
export const DEFAULT_METROS: MetroCity[] = [
  {
    city: 'Delhi NCR',
    districts: ['Central Delhi', 'East Delhi', 'New Delhi', 'North Delhi', 'North East Delhi', 'North West Delhi', 'South Delhi', 'South West Delhi', 'West Delhi', 'Gurgaon', 'Gautam Buddha Nagar', 'Ghaziabad', 'Faridabad'],
  },
  { city: 'Mumbai', districts: ['Mumbai', 'Mumbai Suburban', 'Thane'] },
  { city: 'Bengaluru', districts: ['Bengaluru', 'Bangalore', 'Bangalore Rural'] },
  { city: 'Chennai', districts: ['Chennai'] },
  { city: 'Kolkata', districts: ['Kolkata'] },
  { city: 'Hyderabad', districts: ['Hyderabad', 'K.V.Rangareddy', 'Medchal'] },
  { city: 'Ahmedabad', districts: ['Ahmedabad'] },
  { city: 'Pune', districts: ['Pune'] },
];

/** North-East (AR 12, AS 18, MN 14, ML 17, MZ 15, NL 13, SK 11, TR 16), J&K 01, Ladakh 38, Andaman & Nicobar 35, Lakshadweep 31. */
export const DEFAULT_SPECIAL_STATE_CODES = ['12', '18', '14', '17', '15', '13', '11', '16', '01', '38', '35', '31'];
