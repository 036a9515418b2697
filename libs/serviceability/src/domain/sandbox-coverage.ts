import type { CoverageRow } from './coverage';

/** What the generator needs to know of a directory pincode. */
export interface DirectoryPincode {
  pincode: string;
  gstStateCode: string;
  district: string;
}

export interface SandboxService {
  courier: string;
  service: string;
  mode: 'surface' | 'air';
  b2b: boolean;
}

export type ZoneCode = 'A' | 'B' | 'C' | 'D' | 'E';
export const ZONES: readonly ZoneCode[] = ['A', 'B', 'C', 'D', 'E'];

export interface TransitTime {
  courier: string;
  service: string;
  zone: ZoneCode;
  days: number;
}

/** Districts of the metros and big cities every sandbox courier serves fully (names as the directory spells them). */
export const BIG_CITY_DISTRICTS: ReadonlySet<string> = new Set(
  [
    'mumbai', 'mumbai suburban', 'thane', 'pune', 'bengaluru', 'bangalore', 'bangalore rural', 'chennai', 'kolkata', 'hyderabad', 'rangareddy', 'medchal-malkajgiri',
    'ahmedabad', 'surat', 'vadodara', 'rajkot', 'jaipur', 'lucknow', 'kanpur nagar', 'nagpur', 'indore', 'bhopal', 'patna', 'gurgaon', 'gurugram', 'faridabad',
    'gautam buddha nagar', 'ghaziabad', 'chandigarh', 'coimbatore', 'ernakulam', 'thiruvananthapuram', 'visakhapatnam', 'ludhiana', 'agra', 'nashik', 'madurai',
    'kamrup metropolitan', 'bhubaneswar', 'khordha', 'ranchi', 'raipur', 'dehradun', 'varanasi', 'mysore', 'mysuru', 'vijayawada', 'krishna', 'amritsar',
  ],
);

/** North-East, Jammu & Kashmir, Ladakh, Andaman & Nicobar, Lakshadweep: thinner networks. */
export const SPECIAL_STATE_CODES: ReadonlySet<string> = new Set(['01', '11', '12', '13', '14', '15', '16', '17', '18', '31', '35', '38']);

/** Share of the rest of India (not big cities, not special regions) each courier's surface network reaches. */
const REACH: Record<string, number> = {
  delhivery: 0.95, shiprocket: 0.93, dtdc: 0.9, ecom_express: 0.88, xpressbees: 0.86, nimbuspost: 0.85, smartship: 0.8, maruti: 0.78, intargos: 0.72,
};
const DEFAULT_REACH = 0.8;
const SPECIAL_FACTOR = 0.55;

/** FNV-1a over the parts: a stable number in [0, 1) per (parts), so the seed is the same on every install. */
export function unitHash(...parts: string[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h ^= part.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x7c;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x1_0000_0000;
}

export function isBigCity(p: DirectoryPincode): boolean {
  return p.gstStateCode === '07' || BIG_CITY_DISTRICTS.has(p.district.trim().toLowerCase());
}

/**
 * The sandbox network of one courier service at one pincode, or null when it does not serve it. Deterministic and
 * shaped like real Indian networks: big cities fully served by everyone (no ODA); elsewhere 72-95% per courier
 * (about half that in the North-East, J&K, Ladakh and the islands), air a subset of surface, COD a bit rarer than
 * prepaid, pickup rarer still, ~10% ODA; B2B freight only in big cities.
 */
export function sandboxLane(s: SandboxService, p: DirectoryPincode): CoverageRow | null {
  const big = isBigCity(p);
  const special = SPECIAL_STATE_CODES.has(p.gstStateCode);
  const limits = laneLimits(s);
  if (big) return { courier: s.courier, service: s.service, pincode: p.pincode, prepaid: true, cod: true, pickup: true, reverse: !s.b2b, oda: false, ...limits };
  if (s.b2b) return null;
  const reach = (REACH[s.courier] ?? DEFAULT_REACH) * (special ? SPECIAL_FACTOR : 1);
  // Same draw for every service of a courier: its air network is a subset of its surface one.
  if (unitHash(s.courier, p.pincode) >= reach) return null;
  if (s.mode === 'air' && unitHash(s.courier, 'air', p.pincode) >= 0.8) return null;
  const pickup = unitHash(s.courier, 'pickup', p.pincode) < 0.85;
  return {
    courier: s.courier,
    service: s.service,
    pincode: p.pincode,
    prepaid: true,
    cod: unitHash(s.courier, 'cod', p.pincode) < 0.92,
    pickup,
    reverse: pickup && unitHash(s.courier, 'reverse', p.pincode) < 0.8,
    oda: unitHash(s.courier, 'oda', p.pincode) < (special ? 0.25 : 0.1),
    ...limits,
  };
}

function laneLimits(s: SandboxService): { maxWeightGrams: number; maxCodPaise: number } {
  if (s.b2b) return { maxWeightGrams: s.service === 'ftl' ? 9_000_000 : 1_000_000, maxCodPaise: 20_000_000 };
  if (s.mode === 'air') return { maxWeightGrams: 10_000, maxCodPaise: 5_000_000 };
  return { maxWeightGrams: s.courier === 'intargos' ? 20_000 : 30_000, maxCodPaise: s.courier === 'delhivery' || s.courier === 'dtdc' ? 10_000_000 : 5_000_000 };
}

/** Every lane of one service over the directory. */
export function sandboxLanesOf(service: SandboxService, pincodes: readonly DirectoryPincode[]): CoverageRow[] {
  const lanes: CoverageRow[] = [];
  for (const p of pincodes) {
    const lane = sandboxLane(service, p);
    if (lane) lanes.push(lane);
  }
  return lanes;
}

const BASE_DAYS: Record<'surface' | 'air' | 'b2b', Record<ZoneCode, number>> = {
  surface: { A: 2, B: 3, C: 4, D: 5, E: 7 },
  air: { A: 1, B: 2, C: 2, D: 3, E: 4 },
  b2b: { A: 2, B: 4, C: 5, D: 6, E: 9 },
};

/** Transit days per service and zone: the mode's base plus 0-1 day per courier. */
export function sandboxTransitTimes(services: readonly SandboxService[]): TransitTime[] {
  return services.flatMap((s) => {
    const base = BASE_DAYS[s.b2b ? 'b2b' : s.mode];
    const slower = unitHash(s.courier, 'transit') < 0.4 ? 1 : 0;
    return ZONES.map((zone) => ({ courier: s.courier, service: s.service, zone, days: base[zone] + (zone === 'A' ? 0 : slower) }));
  });
}
