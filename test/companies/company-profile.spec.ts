import { APP_CONFIG, AppConfig, FileUrlSigner } from '@shipcrowd/platform';
import { TestApp } from '@shipcrowd/platform/testing';
import { addMember, companiesTestApp, multipart, pngImage, seedCompany, Seat } from './support';

const billing = {
  legalName: 'Chai Point Retail Private Limited',
  gstin: '29AAFCC9980M1ZR',
  pan: 'AAFCC9980M',
  addressLine1: '12 MG Road',
  city: 'Bengaluru',
  pincode: '560001',
  stateCode: '29',
};

describe('companies: profile, billing, branding, logo', () => {
  let t: TestApp;
  let owner: Seat;
  let viewer: Seat;
  let other: Seat;

  beforeAll(async () => {
    t = await companiesTestApp();
    owner = await seedCompany(t, 'Chai Point Retail');
    viewer = await addMember(t, owner, 'viewer', 'Vikram Viewer');
    other = await seedCompany(t, 'Other Co');
  });
  afterAll(() => t.close());

  describe('GET /v1/companies/current', () => {
    it('returns the signed-in company in pending_kyc with version 1', async () => {
      const res = await t.http({ method: 'GET', url: '/v1/companies/current', token: viewer.token });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: owner.companyId, name: 'Chai Point Retail', status: 'pending_kyc', billing: null, branding: { logoUrl: null }, version: 1 });
    });

    it('needs a token', async () => {
      const res = await t.http({ method: 'GET', url: '/v1/companies/current' });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('PATCH /v1/companies/current', () => {
    it('updates the profile and bumps the version', async () => {
      const res = await t.http({
        method: 'PATCH',
        url: '/v1/companies/current',
        token: owner.token,
        payload: { displayName: 'Chai Point', website: 'https://chaipoint.example.in', supportEmail: 'help@chaipoint.example.in', supportPhone: '+919876543210', address: { line1: '12 MG Road', city: 'Bengaluru', pincode: '560001', stateCode: '29' }, version: 1 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ displayName: 'Chai Point', website: 'https://chaipoint.example.in', address: { stateCode: '29', stateName: 'Karnataka', line2: null }, version: 2 });
    });

    it('refuses a stale version with 409', async () => {
      const res = await t.http({ method: 'PATCH', url: '/v1/companies/current', token: owner.token, payload: { displayName: 'Stale', version: 1 } });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('concurrency.stale_version');
      const after = await t.http({ method: 'GET', url: '/v1/companies/current', token: owner.token });
      expect(after.json().displayName).toBe('Chai Point');
    });

    it('rejects malformed JSON with 400', async () => {
      const res = await t.http({ method: 'PATCH', url: '/v1/companies/current', token: owner.token, payload: '{"name":', headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('request.malformed_json');
    });

    it('names unknown and wrongly typed fields', async () => {
      const res = await t.http({ method: 'PATCH', url: '/v1/companies/current', token: owner.token, payload: { name: 5, status: 'approved', website: 'not a url', address: { line1: 'x', city: 'y', pincode: '012345', stateCode: '96' } } });
      expect(res.statusCode).toBe(422);
      const fields = res.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'status', 'website', 'address.pincode', 'address.stateCode']));
    });

    it('refuses a member without company.update with 403', async () => {
      const res = await t.http({ method: 'PATCH', url: '/v1/companies/current', token: viewer.token, payload: { displayName: 'Nope' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('auth.permission_denied');
    });
  });

  describe('PUT /v1/companies/current/billing', () => {
    it('accepts a valid GSTIN whose state and PAN agree', async () => {
      const res = await t.http({ method: 'PUT', url: '/v1/companies/current/billing', token: owner.token, payload: billing });
      expect(res.statusCode).toBe(200);
      expect(res.json().billing).toMatchObject({ gstin: '29AAFCC9980M1ZR', pan: 'AAFCC9980M', stateCode: '29', stateName: 'Karnataka', addressLine2: null });
    });

    it('normalises lower-case GSTIN and PAN', async () => {
      const res = await t.http({ method: 'PUT', url: '/v1/companies/current/billing', token: owner.token, payload: { ...billing, gstin: '29aafcc9980m1zr', pan: 'aafcc9980m' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().billing.gstin).toBe('29AAFCC9980M1ZR');
    });

    it.each([
      [{ gstin: '29AAFCC9980M1ZS' }, 'gstin', 'checksum'],
      [{ gstin: '27AAPFU0939F1ZV', pan: 'AAPFU0939F' }, 'gstin', 'state_mismatch'],
      [{ gstin: '29AAFCC9980M1ZR', pan: 'AAPFU0939F' }, 'pan', 'pan_mismatch'],
      [{ gstin: '29AAFCC99' }, 'gstin', 'format'],
    ])('rejects %j (%s: %s)', async (change, field, code) => {
      const res = await t.http({ method: 'PUT', url: '/v1/companies/current/billing', token: owner.token, payload: { ...billing, ...change } });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('company.invalid_billing');
      expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    });

    it('accepts Ladakh (38) without a GSTIN and rejects unknown state codes and bad pincodes', async () => {
      const ok = await t.http({ method: 'PUT', url: '/v1/companies/current/billing', token: owner.token, payload: { ...billing, gstin: null, stateCode: '38', city: 'Leh', pincode: '194101' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().billing).toMatchObject({ gstin: null, stateName: 'Ladakh' });
      const bad = await t.http({ method: 'PUT', url: '/v1/companies/current/billing', token: owner.token, payload: { ...billing, stateCode: '96', pincode: '012345', pan: 'ABC' } });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['stateCode', 'pincode', 'pan']));
    });

    it('refuses a viewer with 403 and a stale version with 409', async () => {
      expect((await t.http({ method: 'PUT', url: '/v1/companies/current/billing', token: viewer.token, payload: billing })).statusCode).toBe(403);
      const stale = await t.http({ method: 'PUT', url: '/v1/companies/current/billing', token: owner.token, payload: { ...billing, version: 1 } });
      expect(stale.statusCode).toBe(409);
    });
  });

  describe('PUT /v1/companies/current/branding', () => {
    it('sets and clears colours', async () => {
      const res = await t.http({ method: 'PUT', url: '/v1/companies/current/branding', token: owner.token, payload: { primaryColor: '#1A73E8', secondaryColor: null } });
      expect(res.statusCode).toBe(200);
      expect(res.json().branding).toMatchObject({ primaryColor: '#1A73E8', secondaryColor: null });
    });

    it('rejects colours that are not #RRGGBB and missing fields', async () => {
      const res = await t.http({ method: 'PUT', url: '/v1/companies/current/branding', token: owner.token, payload: { primaryColor: 'blue' } });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['primaryColor', 'secondaryColor']));
    });

    it('refuses a viewer', async () => {
      expect((await t.http({ method: 'PUT', url: '/v1/companies/current/branding', token: viewer.token, payload: { primaryColor: null, secondaryColor: null } })).statusCode).toBe(403);
    });
  });

  describe('PUT /v1/companies/current/logo', () => {
    it('stores a real PNG and serves it through a signed, expiring link', async () => {
      const png = pngImage(128, 96);
      const res = await t.http({ method: 'PUT', url: '/v1/companies/current/logo', token: owner.token, ...multipart('file', 'logo.png', 'image/png', png) });
      expect(res.statusCode).toBe(200);
      const url = new URL(res.json().branding.logoUrl);
      expect(url.pathname).toMatch(new RegExp(`^/v1/files/companies/${owner.companyId}/logo/[0-9a-f-]+\\.png$`));
      expect(url.searchParams.get('sig')).toMatch(/^[0-9a-f]{64}$/);

      const file = await t.http({ method: 'GET', url: url.pathname + url.search });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.rawPayload.equals(png)).toBe(true);

      const forged = await t.http({ method: 'GET', url: `${url.pathname}?expires=${url.searchParams.get('expires')}&sig=${'0'.repeat(64)}` });
      expect(forged.statusCode).toBe(403);
      expect(forged.json().code).toBe('files.invalid_signature');
      const otherKey = await t.http({ method: 'GET', url: `${url.pathname.replace('.png', 'x.png')}${url.search}` });
      expect(otherKey.statusCode).toBe(403);
      const extended = await t.http({ method: 'GET', url: `${url.pathname}?expires=${Number(url.searchParams.get('expires')) + 3600}&sig=${url.searchParams.get('sig')}` });
      expect(extended.statusCode).toBe(403);

      // A correctly signed link whose time has passed.
      const signer = new FileUrlSigner(t.get<AppConfig>(APP_CONFIG).JWT_SECRET, 'http://localhost:3000');
      const key = url.pathname.replace('/v1/files/', '');
      const expired = new URL(signer.url(key, Math.floor(Date.now() / 1000) - 1));
      const late = await t.http({ method: 'GET', url: expired.pathname + expired.search });
      expect(late.statusCode).toBe(403);
      expect(late.json().code).toBe('files.link_expired');
      const fresh = new URL(signer.url(key, Math.floor(Date.now() / 1000) + 60));
      expect((await t.http({ method: 'GET', url: fresh.pathname + fresh.search })).statusCode).toBe(200);
    });

    it('accepts PNGs at the exact pixel limits (64 and 1024 px)', async () => {
      for (const [w, h] of [[64, 64], [1024, 64]]) {
        const res = await t.http({ method: 'PUT', url: '/v1/companies/current/logo', token: owner.token, ...multipart('file', 'l.png', 'image/png', pngImage(w, h)) });
        expect(res.statusCode).toBe(200);
      }
    });

    it('refuses a text file renamed .png with 415', async () => {
      const res = await t.http({ method: 'PUT', url: '/v1/companies/current/logo', token: owner.token, ...multipart('file', 'logo.png', 'image/png', Buffer.from('this is not an image at all, just text pretending')) });
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('company.logo_unsupported_type');
    });

    it('refuses SVG with 415 even when it is a real SVG', async () => {
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"><script>alert(1)</script></svg>');
      const res = await t.http({ method: 'PUT', url: '/v1/companies/current/logo', token: owner.token, ...multipart('file', 'logo.svg', 'image/svg+xml', svg) });
      expect(res.statusCode).toBe(415);
    });

    it('refuses images that are too small or too large in pixels with 422', async () => {
      for (const [w, h] of [[63, 128], [128, 1025]]) {
        const res = await t.http({ method: 'PUT', url: '/v1/companies/current/logo', token: owner.token, ...multipart('file', 'l.png', 'image/png', pngImage(w, h)) });
        expect(res.statusCode).toBe(422);
        expect(res.json().code).toBe('company.logo_dimensions');
      }
    });

    it('refuses files over 1 MB with 413', async () => {
      const big = Buffer.concat([pngImage(100, 100), Buffer.alloc(1_048_577)]);
      const res = await t.http({ method: 'PUT', url: '/v1/companies/current/logo', token: owner.token, ...multipart('file', 'l.png', 'image/png', big) });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('company.logo_too_large');
    });

    it('refuses JSON bodies (415), a missing file field (422) and a viewer (403)', async () => {
      const json = await t.http({ method: 'PUT', url: '/v1/companies/current/logo', token: owner.token, payload: { file: 'x' } });
      expect(json.statusCode).toBe(415);
      const wrongField = await t.http({ method: 'PUT', url: '/v1/companies/current/logo', token: owner.token, ...multipart('image', 'l.png', 'image/png', pngImage(100, 100)) });
      expect(wrongField.statusCode).toBe(422);
      const forbidden = await t.http({ method: 'PUT', url: '/v1/companies/current/logo', token: viewer.token, ...multipart('file', 'l.png', 'image/png', pngImage(100, 100)) });
      expect(forbidden.statusCode).toBe(403);
    });
  });

  it('keeps companies apart: the other company sees only itself', async () => {
    const res = await t.http({ method: 'GET', url: '/v1/companies/current', token: other.token });
    expect(res.json()).toMatchObject({ id: other.companyId, name: 'Other Co', billing: null });
  });
});
