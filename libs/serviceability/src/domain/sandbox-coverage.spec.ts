import { DirectoryPincode, isBigCity, sandboxLane, sandboxLanesOf, sandboxTransitTimes, SandboxService, unitHash } from './sandbox-coverage';

const surface: SandboxService = { courier: 'delhivery', service: 'surface', mode: 'surface', b2b: false };
const air: SandboxService = { courier: 'delhivery', service: 'express', mode: 'air', b2b: false };
const ptl: SandboxService = { courier: 'om_logistics', service: 'ptl', mode: 'surface', b2b: true };
const town = (n: number, state = '27', district = 'Satara'): DirectoryPincode => ({ pincode: String(415000 + n), gstStateCode: state, district });

describe('sandbox coverage generator', () => {
  it('is deterministic', () => {
    expect(unitHash('delhivery', '110001')).toBe(unitHash('delhivery', '110001'));
    expect(unitHash('delhivery', '110001')).not.toBe(unitHash('dtdc', '110001'));
    const pins = Array.from({ length: 50 }, (_, i) => town(i));
    expect(sandboxLanesOf(surface, pins)).toEqual(sandboxLanesOf(surface, pins));
  });

  it('serves big cities fully with every service, B2B included, without ODA', () => {
    for (const p of [{ pincode: '110001', gstStateCode: '07', district: 'Central Delhi' }, { pincode: '400001', gstStateCode: '27', district: 'Mumbai' }]) {
      expect(isBigCity(p)).toBe(true);
      for (const s of [surface, air, ptl]) expect(sandboxLane(s, p)).toMatchObject({ prepaid: true, cod: true, pickup: true, oda: false });
    }
    expect(sandboxLane(ptl, town(1))).toBeNull();
  });

  it('reaches most of the country, less in special regions; air is a subset of surface; COD a bit rarer than prepaid', () => {
    const rest = Array.from({ length: 4000 }, (_, i) => town(i));
    const ne = Array.from({ length: 4000 }, (_, i) => town(i, '14', 'Imphal West'));
    const restLanes = sandboxLanesOf(surface, rest);
    const share = restLanes.length / rest.length;
    expect(share).toBeGreaterThan(0.9);
    expect(share).toBeLessThan(0.98);
    expect(sandboxLanesOf(surface, ne).length / ne.length).toBeLessThan(0.65);
    const airPins = new Set(sandboxLanesOf(air, rest).map((l) => l.pincode));
    const surfacePins = new Set(restLanes.map((l) => l.pincode));
    expect([...airPins].every((p) => surfacePins.has(p))).toBe(true);
    const cod = restLanes.filter((l) => l.cod).length / restLanes.length;
    expect(cod).toBeGreaterThan(0.85);
    expect(cod).toBeLessThan(0.97);
    expect(restLanes.some((l) => l.oda)).toBe(true);
  });

  it('publishes transit days per service and zone, rising with distance', () => {
    const times = sandboxTransitTimes([surface, air, ptl]);
    expect(times).toHaveLength(15);
    const days = (s: SandboxService) => times.filter((t) => t.service === s.service && t.courier === s.courier).map((t) => t.days);
    for (const s of [surface, air, ptl]) {
      const d = days(s);
      expect([...d].sort((a, b) => a - b)).toEqual(d);
    }
    expect(days(air)[4]).toBeLessThan(days(surface)[4]);
  });
});
