import type { CoverageRow } from './coverage';
import { decideLanes, ServiceabilityRequest } from './serviceability-rules';

const lane = (pincode: string, over: Partial<CoverageRow> = {}, courier = 'delhivery', service = 'surface'): CoverageRow => ({
  courier, service, pincode, prepaid: true, cod: true, pickup: true, reverse: true, oda: false, maxWeightGrams: 30_000, maxCodPaise: 5_000_000, ...over,
});
const services = [{ courier: 'delhivery', service: 'surface' }];
const transit = new Map([['delhivery|surface', 3]]);
const ask = (coverage: CoverageRow[], request: Partial<ServiceabilityRequest> = {}, blocks: { pincode: string; courier: string | null }[] = []) =>
  decideLanes(services, coverage, blocks, transit, { originPincode: '110001', destinationPincode: '400001', paymentMode: 'prepaid', ...request })[0];

describe('decideLanes', () => {
  it('serves a lane covered at both ends, with transit days, ODA and the destination limits', () => {
    expect(ask([lane('110001'), lane('400001', { oda: true })])).toEqual({ courier: 'delhivery', service: 'surface', serviceable: true, oda: true, transitDays: 3, maxWeightGrams: 30_000, maxCodPaise: 5_000_000 });
  });

  it.each<[string, CoverageRow[], Partial<ServiceabilityRequest>]>([
    ['origin_not_covered', [lane('400001')], {}],
    ['pickup_unavailable', [lane('110001', { pickup: false }), lane('400001')], {}],
    ['reverse_unavailable', [lane('110001', { reverse: false }), lane('400001')], { reverse: true }],
    ['destination_not_covered', [lane('110001')], {}],
    ['cod_unavailable', [lane('110001'), lane('400001', { cod: false })], { paymentMode: 'cod' }],
    ['prepaid_unavailable', [lane('110001'), lane('400001', { prepaid: false })], {}],
    ['over_max_weight', [lane('110001'), lane('400001')], { weightGrams: 30_001 }],
    ['over_max_cod', [lane('110001'), lane('400001')], { paymentMode: 'cod', codAmountPaise: 5_000_001 }],
  ])('refuses with %s', (code, coverage, request) => {
    expect(ask(coverage, request)).toMatchObject({ serviceable: false, code, reason: expect.any(String) });
  });

  it('accepts weights and COD values at the limit and ignores COD limits on prepaid parcels', () => {
    expect(ask([lane('110001'), lane('400001')], { weightGrams: 30_000, paymentMode: 'cod', codAmountPaise: 5_000_000 }).serviceable).toBe(true);
    expect(ask([lane('110001'), lane('400001')], { codAmountPaise: 99_000_000 }).serviceable).toBe(true);
    expect(ask([lane('110001'), lane('400001', { maxWeightGrams: null })], { weightGrams: 900_000 }).serviceable).toBe(true);
  });

  it('a reverse pickup needs reverse (not pickup) at the origin', () => {
    expect(ask([lane('110001', { pickup: false }), lane('400001')], { reverse: true }).serviceable).toBe(true);
  });

  it('applies the company blocklist to the buyer: destination, or origin for reverse pickups; per courier or all', () => {
    const both = [lane('110001'), lane('400001')];
    expect(ask(both, {}, [{ pincode: '400001', courier: null }])).toMatchObject({ serviceable: false, code: 'blocked_by_company' });
    expect(ask(both, {}, [{ pincode: '400001', courier: 'delhivery' }])).toMatchObject({ code: 'blocked_by_company' });
    expect(ask(both, {}, [{ pincode: '400001', courier: 'dtdc' }]).serviceable).toBe(true);
    expect(ask(both, {}, [{ pincode: '110001', courier: null }]).serviceable).toBe(true);
    expect(ask(both, { reverse: true }, [{ pincode: '110001', courier: null }])).toMatchObject({ code: 'blocked_by_company' });
  });

  it('has null transit days when the courier published none', () => {
    expect(decideLanes([{ courier: 'dtdc', service: 'surface' }], [lane('110001', {}, 'dtdc'), lane('400001', {}, 'dtdc')], [], transit, { originPincode: '110001', destinationPincode: '400001', paymentMode: 'prepaid' })[0]).toMatchObject({ serviceable: true, transitDays: null });
  });
});
