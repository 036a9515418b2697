import { sql } from 'drizzle-orm';
import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { GeoModule } from '@shipcrowd/geo';
import { IdentityModule } from '@shipcrowd/identity';
import { queryRows, StorageModule, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { WarehousesHttpModule } from '@shipcrowd/warehouses';
import { WAREHOUSES_FACADE, WarehousesFacade } from '@shipcrowd/warehouses/contracts';
import { addMember, multipart, seedCompany, Seat } from '../companies/support';

const base = {
  name: 'Bengaluru main',
  contactName: 'Ravi Kumar',
  contactPhone: '9876543210',
  contactEmail: 'Dispatch@Example.in',
  addressLine1: 'Plot 42, Peenya Industrial Area',
  pincode: '560001',
};

describe('warehouses: pickup locations', () => {
  let t: TestApp;
  let seller: Seat;
  let other: Seat;

  beforeAll(async () => {
    t = await createTestApp({ imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, GeoModule, WarehousesHttpModule], env: { RATE_LIMIT_MAX: '100000', RATE_LIMIT_AUTH_MAX: '100000' } });
    seller = await seedCompany(t, 'Warehouse Traders');
    other = await seedCompany(t, 'Other Traders');
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>, token = seller.token) => t.http({ method: 'POST', url: '/v1/warehouses', token, payload: { ...base, ...body } });
  const get = (url: string, token = seller.token) => t.http({ method: 'GET', url, token });
  const facade = () => t.get<WarehousesFacade>(WAREHOUSES_FACADE);

  it('creates a warehouse with city, state, GST state code and coordinates from the pincode directory; the first is the default', async () => {
    const res = await create({ code: 'blr-1' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'BLR-1',
      city: 'Bengaluru',
      state: 'Karnataka',
      gstStateCode: '29',
      latitude: expect.any(Number),
      longitude: expect.any(Number),
      contactPhone: '+919876543210',
      contactEmail: 'dispatch@example.in',
      isDefault: true,
      active: true,
      used: false,
      version: 1,
      operatingHours: { mon: { closed: false, open: '09:00', close: '18:00' }, sun: { closed: true } },
    });
    const second = await create({ code: 'DEL-1', pincode: '110001', operatingHours: { sun: { open: '10:00', close: '14:00' }, sat: { closed: true } } });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ isDefault: false, city: 'Central Delhi', gstStateCode: '07', operatingHours: { sun: { closed: false, open: '10:00', close: '14:00' }, sat: { closed: true } } });
  });

  it('validates: codes are company-unique, pincodes must exist, hours must make sense, GSTIN must match the state', async () => {
    const dup = await create({ code: 'BLR-1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('warehouses.code_taken');
    expect((await create({ code: 'BLR-1' }, other.token)).statusCode).toBe(201); // another company may use the same code

    const bad = await create({ code: 'X 1', pincode: '999999', contactPhone: '12345', operatingHours: { mon: { open: '18:00', close: '09:00' }, tue: { closed: true, open: '09:00' } }, gstin: '07AAFCC9980M1ZR' });
    expect(bad.statusCode).toBe(422);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'pincode', 'contactPhone', 'operatingHours.mon', 'operatingHours.tue']));
    const badTime = await create({ code: 'BLR-8', operatingHours: { wed: { open: '25:00', close: '26:00' } } });
    expect(badTime.statusCode).toBe(422);
    expect(badTime.json().errors.map((e: { field: string }) => e.field)).toEqual(['operatingHours.wed.open', 'operatingHours.wed.close']);
    const gst = await create({ code: 'BLR-9', gstin: '07AAFCC9980M1ZR' });
    expect(gst.statusCode).toBe(422);
    expect(gst.json().errors).toEqual([expect.objectContaining({ field: 'gstin' })]);
    expect((await create({ code: 'BLR-9', gstin: '29AAFCC9980M1ZR' })).json()).toMatchObject({ gstin: '29AAFCC9980M1ZR' });
    const unknownField = await create({ code: 'BLR-10', city: 'Mysore' });
    expect(unknownField.statusCode).toBe(422);
  });

  it('switches the default atomically: exactly one default at any time', async () => {
    const list = (await get('/v1/warehouses')).json().items as { id: string; code: string; isDefault: boolean }[];
    const del = list.find((w) => w.code === 'DEL-1')!;
    const res = await t.http({ method: 'PUT', url: `/v1/warehouses/${del.id}/default`, token: seller.token });
    expect(res.statusCode).toBe(200);
    expect(res.json().isDefault).toBe(true);
    const after = (await get('/v1/warehouses')).json().items as { code: string; isDefault: boolean }[];
    expect(after.filter((w) => w.isDefault).map((w) => w.code)).toEqual(['DEL-1']);
    expect((await facade().defaultOf(seller.companyId))?.code).toBe('DEL-1');

    // Concurrent switches still leave exactly one default.
    const ids = after.map((w) => (w as unknown as { id: string }).id);
    await Promise.all(ids.map((id) => t.http({ method: 'PUT', url: `/v1/warehouses/${id}/default`, token: seller.token })));
    const final = (await get('/v1/warehouses')).json().items as { isDefault: boolean }[];
    expect(final.filter((w) => w.isDefault)).toHaveLength(1);
  });

  it('edits with optimistic versions and audits changes', async () => {
    const w = (await get('/v1/warehouses')).json().items.find((x: { code: string }) => x.code === 'BLR-1');
    const ok = await t.http({ method: 'PATCH', url: `/v1/warehouses/${w.id}`, token: seller.token, payload: { name: 'Peenya hub', pincode: '400001', operatingHours: { mon: { open: '08:00', close: '20:00' } }, version: w.version } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Peenya hub', city: 'Mumbai', state: 'Maharashtra', gstStateCode: '27', version: w.version + 1, operatingHours: { mon: { open: '08:00', close: '20:00' }, tue: { open: '09:00' } } });
    const stale = await t.http({ method: 'PATCH', url: `/v1/warehouses/${w.id}`, token: seller.token, payload: { name: 'Again', version: w.version } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('concurrency.stale_version');
    const audit = await t.get(UnitOfWork).run({ system: true }, (tx) =>
      queryRows<{ action: string }>(tx, sql`select action from audit.audit_log where company_id = ${seller.companyId} and target_type = 'warehouse' order by seq`),
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['warehouses.created', 'warehouses.updated', 'warehouses.default_changed']));
  });

  it('deactivates (not the default), deletes only unused warehouses, and keeps deleted ones readable through the facade', async () => {
    const items = (await get('/v1/warehouses')).json().items as { id: string; code: string; isDefault: boolean }[];
    const def = items.find((w) => w.isDefault)!;
    const notDefault = items.filter((w) => !w.isDefault);
    const refused = await t.http({ method: 'POST', url: `/v1/warehouses/${def.id}/deactivate`, token: seller.token, payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('warehouses.default_cannot_deactivate');
    expect((await t.http({ method: 'DELETE', url: `/v1/warehouses/${def.id}`, token: seller.token })).statusCode).toBe(409);

    const [used, unused] = notDefault;
    await t.get(UnitOfWork).run({ companyId: seller.companyId }, () => facade().markUsed!(seller.companyId, [used.id]));
    const inUse = await t.http({ method: 'DELETE', url: `/v1/warehouses/${used.id}`, token: seller.token });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().code).toBe('warehouses.in_use');
    const off = await t.http({ method: 'POST', url: `/v1/warehouses/${used.id}/deactivate`, token: seller.token, payload: {} });
    expect(off.json()).toMatchObject({ active: false, used: true });
    expect((await get('/v1/warehouses?active=true')).json().items.map((w: { id: string }) => w.id)).not.toContain(used.id);
    expect((await t.http({ method: 'PUT', url: `/v1/warehouses/${used.id}/default`, token: seller.token })).json().code).toBe('warehouses.inactive_default');
    expect((await t.http({ method: 'POST', url: `/v1/warehouses/${used.id}/activate`, token: seller.token, payload: {} })).json().active).toBe(true);

    expect((await t.http({ method: 'DELETE', url: `/v1/warehouses/${unused.id}`, token: seller.token })).statusCode).toBe(204);
    expect((await get(`/v1/warehouses/${unused.id}`)).statusCode).toBe(404);
    expect(await facade().get(seller.companyId, unused.id)).toMatchObject({ code: unused.code, active: false, deleted: true });
    expect(await facade().byCode(seller.companyId, unused.code)).toBeNull();
  });

  it('enforces tenancy and permissions', async () => {
    const mine = (await get('/v1/warehouses')).json().items[0];
    expect((await get(`/v1/warehouses/${mine.id}`, other.token)).statusCode).toBe(404);
    expect((await get('/v1/warehouses/not-a-uuid')).statusCode).toBe(404);
    expect(await facade().get(other.companyId, mine.id)).toBeNull();
    expect((await t.http({ method: 'PATCH', url: `/v1/warehouses/${mine.id}`, token: other.token, payload: { name: 'Hijack' } })).statusCode).toBe(404);
    expect((await t.http({ method: 'GET', url: '/v1/warehouses' })).statusCode).toBe(401);
    const viewer = await addMember(t, seller, 'viewer', 'Vikram Viewer');
    expect((await get('/v1/warehouses', viewer.token)).statusCode).toBe(200);
    expect((await create({ code: 'VIEW-1' }, viewer.token)).statusCode).toBe(403);
  });

  it('caps a company at 50 warehouses', async () => {
    const company = await seedCompany(t, 'Many Hubs');
    const codes = Array.from({ length: 50 }, (_, i) => `H${i}`);
    const csv = ['code,name,contact_name,contact_phone,address_line1,pincode', ...codes.map((c) => `${c},Hub ${c},Ravi,9876543210,Road 1,560001`)].join('\n');
    const imported = await t.http({ method: 'POST', url: '/v1/warehouses/import', token: company.token, ...multipart('file', 'w.csv', 'text/csv', Buffer.from(csv)) });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ created: 50, updated: 0, defaultCode: 'H0' });
    const over = await create({ code: 'H50' }, company.token);
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('warehouses.limit_reached');
  });

  describe('CSV import and export', () => {
    let company: Seat;
    beforeAll(async () => {
      company = await seedCompany(t, 'CSV Hubs');
    });
    const upload = (csv: string | Buffer) => t.http({ method: 'POST', url: '/v1/warehouses/import', token: company.token, ...multipart('file', 'warehouses.csv', 'text/csv', Buffer.isBuffer(csv) ? csv : Buffer.from(csv)) });
    const header = 'code,name,contact_name,contact_phone,contact_email,address_line1,pincode,hours_sun,is_default';

    it('imports all rows or none, naming every bad row and column', async () => {
      const bad = await upload([header, 'A1,Alpha,Ravi,9876543210,,Road 1,560001,,', 'A2,Beta,Ravi,123,,Road 2,999999,10:00-09:00,', 'A1,Gamma,"=HYPERLINK(""http://x"")",9876543210,,Road 3,110001,,'].join('\r\n'));
      expect(bad.statusCode).toBe(422);
      const fields = bad.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['rows[3].contact_phone', 'rows[3].pincode', 'rows[3].hours_sun', 'rows[4].code', 'rows[4].contact_name']));
      expect(bad.json().errors.find((e: { field: string }) => e.field === 'rows[4].contact_name').code).toBe('formula_rejected');
      expect((await get('/v1/warehouses', company.token)).json().items).toHaveLength(0);

      const ok = await upload(`\uFEFF${[header, 'A1,Alpha,Ravi,9876543210,a@x.in,Road 1,560001,closed,', 'A2,Beta,Sita,+91 98765 43211,,"Road 2, Block ""B""",110001,10:00-14:00,yes'].join('\r\n')}\r\n`);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ created: 2, updated: 0, defaultCode: 'A2' });
      const items = (await get('/v1/warehouses', company.token)).json().items;
      expect(items.find((w: { code: string }) => w.code === 'A2')).toMatchObject({ isDefault: true, addressLine1: 'Road 2, Block "B"', operatingHours: { sun: { open: '10:00', close: '14:00' } } });

      const update = await upload([header, 'A1,Alpha renamed,Ravi,9876543210,,Road 1,560001,closed,true'].join('\n'));
      expect(update.json()).toEqual({ created: 0, updated: 1, defaultCode: 'A1' });
      const after = (await get('/v1/warehouses', company.token)).json().items;
      expect(after.filter((w: { isDefault: boolean }) => w.isDefault).map((w: { code: string }) => w.code)).toEqual(['A1']);
    });

    it('rejects hostile or malformed files clearly', async () => {
      const latin1 = Buffer.concat([Buffer.from(`${header}\nA9,Caf`), Buffer.from([0xe9]), Buffer.from(',Ravi,9876543210,,Road,560001,,\n')]);
      expect((await upload(latin1)).json().code).toBe('warehouses.csv_encoding');
      expect((await upload('')).json().code).toBe('warehouses.csv_empty');
      expect((await upload(header)).json().code).toBe('warehouses.import_empty');
      expect((await upload(`${header}\nA9,"unclosed,Ravi,9876543210,,Road,560001,,\n`)).json().code).toBe('warehouses.csv_malformed');
      expect((await upload(`${header}\nA9,Too,Many,Cells,9876543210,,Road,560001,,,\n`)).json().code).toBe('warehouses.csv_malformed');
      const columns = await upload('code,name,colour\nA9,x,red');
      expect(columns.json().code).toBe('warehouses.csv_columns');
      expect(columns.json().errors).toEqual(expect.arrayContaining([{ field: 'columns.colour', message: 'is not a warehouses column', code: 'unknown_column' }, expect.objectContaining({ field: 'columns.pincode', code: 'missing_column' })]));
      expect((await upload(Buffer.alloc(600 * 1024, 0x61))).statusCode).toBe(413);
      expect((await t.http({ method: 'POST', url: '/v1/warehouses/import', token: company.token, payload: { file: 'x' } })).statusCode).toBe(415);
    });

    it('exports a CSV that imports back, with formula-looking text neutralised', async () => {
      await t.http({ method: 'PATCH', url: `/v1/warehouses/${(await get('/v1/warehouses', company.token)).json().items[0].id}`, token: company.token, payload: { landmark: '=1+1 near gate' } });
      const res = await get('/v1/warehouses/export', company.token);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('code,name,contact_name,contact_phone,contact_email,address_line1,address_line2,landmark,pincode,gstin,hours_mon,hours_tue,hours_wed,hours_thu,hours_fri,hours_sat,hours_sun,is_default,active,city,state,gst_state_code,latitude,longitude');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain("'=1+1 near gate");
      expect(lines[1]).toContain('+919876543210');
      expect(lines[1]).toContain('Bengaluru,Karnataka,29');
      const again = await upload(res.rawPayload);
      expect(again.json()).toEqual({ created: 0, updated: 2, defaultCode: 'A1' });
    });
  });
});
