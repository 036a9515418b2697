import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { GeoHttpModule } from '@shipcrowd/geo';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { IdentityModule } from '@shipcrowd/identity';
import { StorageModule } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { companylessUser, seedCompany, Seat } from '../companies/support';

describe('geo: address quality', () => {
  let t: TestApp;
  let seller: Seat;

  beforeAll(async () => {
    t = await createTestApp({ imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, GeoHttpModule] });
    seller = await seedCompany(t, 'Address Traders');
  });
  afterAll(() => t.close());

  const validate = (payload: Record<string, unknown>, token = seller.token) => t.http({ method: 'POST', url: '/v1/addresses/validate', token, payload });
  const good = { line1: 'Flat 302, Sunrise Apartments', line2: '80 Feet Road, Koramangala', landmark: 'Near Forum Mall', city: 'Bangalore', state: 'KA', pincode: '560034', phone: '098765 43210' };

  it('scores a complete address 100 with the directory entry and the phone in E.164', async () => {
    const res = await validate(good);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      score: 100,
      grade: 'good',
      issues: [],
      pincode: expect.objectContaining({ pincode: '560034', district: 'Bengaluru', state: 'Karnataka', gstStateCode: '29' }),
      normalizedPhone: '+919876543210',
    });
  });

  it.each([
    [{ city: 'Bengaluru', state: 'Karnataka' }, []],
    [{ city: 'bengaluru.', state: '29' }, []],
    [{ city: 'Banglore' }, ['city_misspelt']],
    [{ city: 'Mumbai', state: 'MH' }, ['city_mismatch', 'state_mismatch']],
    [{ pincode: '400001', city: 'Bombay', state: 'Maharashtra' }, []],
    [{ pincode: '700001', city: 'Calcutta', state: 'WB' }, []],
    [{ pincode: '600001', city: 'Madras', state: 'TN' }, []],
    [{ pincode: '122001', city: 'Gurugram', state: 'HR' }, []],
    [{ pincode: '695001', city: 'Trivandrum', state: 'Kerala' }, []],
    [{ pincode: '110085', city: 'New Delhi', state: 'DL' }, []],
    [{ pincode: '201301', city: 'Noida', state: 'UP' }, []],
    [{ line1: 'Sunrise Apartments, 5th Cross', line2: null }, ['house_number_missing']],
    [{ landmark: '' }, ['landmark_missing']],
    [{ landmark: null, line2: 'Opp. Forum Mall' }, []],
    [{ phone: '12345' }, ['phone_invalid']],
    [{ phone: null }, ['phone_missing']],
    [{ pincode: '999999' }, ['pincode_unknown']],
    [{ pincode: '56003' }, ['pincode_invalid']],
  ])('%j → %j', async (change, codes) => {
    const res = await validate({ ...good, ...change });
    expect(res.statusCode).toBe(200);
    expect(res.json().issues.map((i: { code: string }) => i.code)).toEqual(codes);
  });

  it('reports each issue with field, message and penalty, and grades the total', async () => {
    const res = await validate({ line1: 'MG Road', city: 'Pune', state: 'Goa', pincode: '560034', phone: '+1 415 555 2671' });
    expect(res.json()).toMatchObject({
      score: 15,
      grade: 'poor',
      normalizedPhone: null,
      issues: [
        { code: 'city_mismatch', field: 'city', penalty: 20, message: 'City "Pune" does not match pincode 560034 (Bengaluru, Karnataka)' },
        { code: 'state_mismatch', field: 'state', penalty: 20, message: 'State "Goa" does not match pincode 560034, which is in Karnataka' },
        { code: 'house_number_missing', field: 'line1', penalty: 20 },
        { code: 'landmark_missing', field: 'landmark', penalty: 5 },
        { code: 'phone_invalid', field: 'phone', penalty: 20, message: 'Phone "+1 415 555 2671" must be an Indian (+91) number' },
      ],
    });
  });

  it('needs a signed-in caller (with or without a company) and well-typed fields', async () => {
    expect((await validate(good, '')).statusCode).toBe(401);
    const loner = await companylessUser(t, seller, 'Solo Shopper');
    expect((await validate(good, loner.token)).json().score).toBe(100);
    const missing = await validate({ line1: '12 MG Road', state: 'KA', pincode: '560034' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].field).toBe('city');
    expect((await validate({ ...good, pincode: 560034 })).statusCode).toBe(422);
  });

  it('serves the same assessment to other contexts through the facade', async () => {
    const facade = t.get<GeoFacade>(GEO_FACADE);
    expect(await facade.assessAddress({ ...good, landmark: null })).toMatchObject({ score: 95, grade: 'good', issues: [{ code: 'landmark_missing' }] });
    expect((await facade.assessAddress({ ...good, pincode: 'abc' })).issues[0].code).toBe('pincode_invalid');
  });
});
