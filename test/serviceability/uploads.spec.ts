import { sql } from 'drizzle-orm';
import { SERVICEABILITY_FACADE, ServiceabilityFacade } from '@shipcrowd/serviceability/contracts';
import { TestApp } from '@shipcrowd/platform/testing';
import { multipart, platformAdminToken, seedCompany, Seat } from '../companies/support';
import { CSV_HEADER, fingerprint, rows, serviceabilityTestApp, waitForUpload } from './support';

// Upload jobs go through Bull and a real database; on a loaded machine with PGlite the default 30 s is tight.
jest.setTimeout(120_000);

describe('serviceability: bulk coverage uploads', () => {
  let t: TestApp;
  let seller: Seat;
  let admin: string;

  beforeAll(async () => {
    t = await serviceabilityTestApp();
    seller = await seedCompany(t, 'Upload Traders');
    admin = await platformAdminToken(t, seller);
  });
  afterAll(() => t.close());

  const upload = async (csv: string, mode?: string, token = admin) => {
    const { payload, headers } = multipart('file', 'coverage.csv', 'text/csv', Buffer.from(csv));
    return t.http({ method: 'POST', url: `/v1/admin/serviceability/uploads${mode ? `?mode=${mode}` : ''}`, token, payload, headers });
  };
  const run = async (csv: string, mode?: string) => {
    const res = await upload(csv, mode);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ id: expect.any(String), status: expect.stringMatching(/queued|processing|completed/), mode: mode ?? 'merge', fileName: 'coverage.csv' });
    return waitForUpload(t, admin, res.json().id);
  };
  const lane = (courier: string, service: string, pincode: string) =>
    rows<{ cod: boolean; pickup: boolean; source: string; max_weight_grams: number | null }>(t, sql`select cod, pickup, source, max_weight_grams from serviceability.coverage where courier = ${courier} and service = ${service} and pincode = ${pincode}`).then((r) => r[0]);

  it('merge: adds new lanes and updates changed ones, leaves the rest; event in the outbox, revision moves', async () => {
    const [uncovered] = await rows<{ pincode: string }>(t, sql`select p.pincode from geo.pincodes p where not exists (select 1 from serviceability.coverage c where c.pincode = p.pincode and c.courier = 'intargos') order by p.pincode limit 1`);
    const before = await t.get<ServiceabilityFacade>(SERVICEABILITY_FACADE).revision();
    const result = await run(
      [CSV_HEADER, `intargos,surface,${uncovered.pincode},Y,N,Y,N,Y,15000,`, 'DTDC,Surface,400001,true,false,1,0,0,30000,10000000', 'delhivery,surface,110001,Y,Y,Y,Y,N,30000,10000000', ''].join('\n'),
    );
    expect(result).toMatchObject({ status: 'completed', processedRows: 3, added: 1, updated: 1, removed: 0, errorCount: 0, errors: [], lanes: [{ courier: 'delhivery', service: 'surface' }, { courier: 'dtdc', service: 'surface' }, { courier: 'intargos', service: 'surface' }] });
    expect(await lane('intargos', 'surface', uncovered.pincode)).toEqual({ cod: false, pickup: true, source: 'upload', max_weight_grams: 15000 });
    expect(await lane('dtdc', 'surface', '400001')).toMatchObject({ cod: false, source: 'upload' });
    expect((await lane('delhivery', 'surface', '110001')).source).toBe('seed');
    // The revision moves just after the commit that marks the upload completed.
    expect(await revisionAfter(t, before)).toBeGreaterThan(before);
    const events = await rows<{ payload: Record<string, unknown> }>(t, sql`select payload from platform.outbox where type = 'serviceability.coverage_changed' and aggregate_id = ${result.id}`);
    expect(events).toEqual([{ payload: expect.objectContaining({ source: 'upload', mode: 'merge', added: 1, updated: 1, removed: 0 }) }]);
    const cod = await t.http({ method: 'GET', url: '/v1/serviceability?origin=110001&destination=400001&paymentMode=cod', token: seller.token });
    expect(cod.json().unserviceable).toEqual([{ courier: 'dtdc', service: 'surface', code: 'cod_unavailable', reason: expect.any(String) }]);
  });

  it('any invalid row: nothing is applied, and the report names each row and field', async () => {
    const before = await fingerprint(t);
    const result = await run(
      [
        CSV_HEADER,
        'delhivery,surface,110001,N,N,N,N,N,,',
        'fedex,ground,110001,Y,Y,Y,Y,N,,',
        'delhivery,surface,01100,maybe,Y,Y,Y,N,abc,',
        'delhivery,rocket,110002,Y,Y,Y,Y,N,,-1',
        'dtdc,surface,400001,Y,Y,Y,Y,N,30000,',
      ].join('\n'),
    );
    expect(result).toMatchObject({ status: 'failed', processedRows: 5, added: 0, updated: 0, removed: 0, errorCount: 6 });
    expect(result.errors).toEqual([
      { row: 3, field: 'courier', message: "unknown courier 'fedex'" },
      { row: 4, field: 'pincode', message: expect.any(String) },
      { row: 4, field: 'prepaid', message: 'must be Y/N, true/false or 1/0' },
      { row: 4, field: 'max_weight_grams', message: expect.any(String) },
      { row: 5, field: 'service', message: "courier 'delhivery' has no service 'rocket'" },
      { row: 5, field: 'max_cod_paise', message: expect.any(String) },
    ]);
    expect(await fingerprint(t)).toEqual(before);
    expect(await rows(t, sql`select 1 from serviceability.upload_rows`)).toEqual([]);
  });

  it('duplicate lanes, a wrong header, an empty file and broken CSV fail without applying anything', async () => {
    const before = await fingerprint(t);
    const dup = await run([CSV_HEADER, 'dtdc,surface,400001,Y,Y,Y,Y,N,,', 'dtdc,express,400001,Y,Y,Y,Y,N,,', 'DTDC,surface,400001,Y,N,Y,Y,N,,'].join('\n'));
    expect(dup).toMatchObject({ status: 'failed', errorCount: 1, errors: [{ row: 4, field: 'pincode', message: 'duplicates row 2 (dtdc surface 400001)' }] });
    const header = await run('courier,service,pin,prepaid\ndtdc,surface,400001,Y');
    expect(header).toMatchObject({ status: 'failed', errors: [{ row: 1, field: 'header', message: expect.stringContaining('missing pincode') }] });
    const empty = await run(`${CSV_HEADER}\n`);
    expect(empty).toMatchObject({ status: 'failed', errors: [{ row: 2, message: 'no data rows after the header' }] });
    const broken = await run(`${CSV_HEADER}\ndtdc,surface,400001,Y,Y,Y,Y,N,,\ndtdc,surface,"400002,Y`);
    expect(broken.status).toBe('failed');
    expect(broken.errors[0].message).toMatch(/not readable as CSV/);
    expect(await fingerprint(t)).toEqual(before);
  });

  it('replace swaps the whole coverage of the file’s couriers/services and leaves the others alone', async () => {
    const [{ n: maruti }] = await rows<{ n: number }>(t, sql`select count(*)::int as n from serviceability.coverage where courier = 'maruti' and service = 'express'`);
    const [{ n: others }] = await rows<{ n: number }>(t, sql`select count(*)::int as n from serviceability.coverage where not (courier = 'maruti' and service = 'express')`);
    const result = await run([CSV_HEADER, 'maruti,express,110001,Y,Y,Y,Y,N,10000,5000000', 'maruti,express,400001,Y,N,Y,N,N,10000,5000000', 'maruti,express,560001,1,1,1,1,1,,'].join('\n'), 'replace');
    expect(result).toMatchObject({ status: 'completed', mode: 'replace', added: 0, updated: 2, removed: maruti - 3, lanes: [{ courier: 'maruti', service: 'express' }] });
    const now = await rows<{ pincode: string }>(t, sql`select pincode from serviceability.coverage where courier = 'maruti' and service = 'express' order by pincode`);
    expect(now.map((r) => r.pincode)).toEqual(['110001', '400001', '560001']);
    const [{ n: othersAfter }] = await rows<{ n: number }>(t, sql`select count(*)::int as n from serviceability.coverage where not (courier = 'maruti' and service = 'express')`);
    expect(othersAfter).toBe(others);
    const form = multipart('file', 'x.csv', 'text/csv', Buffer.from('x'));
    const badMode = await t.http({ method: 'POST', url: '/v1/admin/serviceability/uploads?mode=swap', token: admin, payload: form.payload, headers: form.headers });
    expect(badMode.statusCode).toBe(422);
  });

  it('a 200,000-row file is streamed, staged in batches and applied in one transaction', async () => {
    const pins = (await rows<{ pincode: string }>(t, sql`select pincode from geo.pincodes order by pincode`)).map((r) => r.pincode);
    const services = [['xpressbees', 'surface'], ['xpressbees', 'express'], ['ecom_express', 'surface'], ['ecom_express', 'express'], ['nimbuspost', 'surface'], ['nimbuspost', 'express'], ['smartship', 'surface'], ['smartship', 'express'], ['shiprocket', 'surface'], ['shiprocket', 'express'], ['intargos', 'surface']];
    const lines = [CSV_HEADER];
    outer: for (const [courier, service] of services) {
      for (const pin of pins) {
        if (lines.length > 200_000) break outer;
        const n = Number(pin);
        lines.push(`${courier},${service},${pin},Y,${n % 7 ? 'Y' : 'N'},${n % 5 ? 'Y' : 'N'},N,${n % 11 ? 'N' : 'Y'},25000,4000000`);
      }
    }
    expect(lines.length).toBe(200_001);
    const csv = lines.join('\n');
    const started = Date.now();
    const result = await run(csv, 'merge');
    const seconds = (Date.now() - started) / 1000;
    expect(result).toMatchObject({ status: 'completed', processedRows: 200_000, errorCount: 0 });
    expect(result.added + result.updated).toBeLessThanOrEqual(200_000);
    expect(result.added).toBeGreaterThan(0);
    expect(result.updated).toBeGreaterThan(100_000);
    expect(seconds).toBeLessThan(120);
    const [{ n }] = await rows<{ n: number }>(t, sql`select count(*)::int as n from serviceability.coverage where courier = 'xpressbees' and service = 'surface' and max_cod_paise = 4000000`);
    expect(n).toBe(pins.length);
    expect(await lane('xpressbees', 'express', pins[6])).toMatchObject({ max_weight_grams: 25000, source: 'upload' });
    // Uploading the same file again changes nothing.
    const again = await run(csv, 'merge');
    expect(again).toMatchObject({ status: 'completed', added: 0, updated: 0, removed: 0 });
  }, 300_000);

  it('platform admins only; the file must be multipart in a field named file; unknown uploads are 404', async () => {
    expect((await upload(`${CSV_HEADER}\n`, undefined, seller.token)).statusCode).toBe(403);
    expect((await t.http({ method: 'POST', url: '/v1/admin/serviceability/uploads', token: admin, payload: { a: 1 } })).statusCode).toBe(415);
    const wrongField = multipart('csv', 'x.csv', 'text/csv', Buffer.from(CSV_HEADER));
    expect((await t.http({ method: 'POST', url: '/v1/admin/serviceability/uploads', token: admin, payload: wrongField.payload, headers: wrongField.headers })).statusCode).toBe(422);
    expect((await t.http({ method: 'GET', url: '/v1/admin/serviceability/uploads/0190f5c2-0000-7000-8000-000000000001', token: admin })).statusCode).toBe(404);
    expect((await t.http({ method: 'GET', url: '/v1/admin/serviceability/uploads/nope', token: admin })).statusCode).toBe(404);
  });
});

/** The coverage revision once it differs from `before` (or, after 5 s, whatever it is). */
async function revisionAfter(t: TestApp, before: number): Promise<number> {
  const facade = t.get<ServiceabilityFacade>(SERVICEABILITY_FACADE);
  const deadline = Date.now() + 5_000;
  let revision = await facade.revision();
  while (revision === before && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    revision = await facade.revision();
  }
  return revision;
}
