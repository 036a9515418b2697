import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CommandBus } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { sql } from 'drizzle-orm';
import * as ExcelJS from 'exceljs';
import { ProcessOrderImport } from '@shipcrowd/order-imports';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { addMember, Seat } from '../companies/support';
import { csv, HEADER, importsTestApp, MAX_BYTES, MAX_ROWS, orderRow, parseCsv, unzipEntries, upload, waitForImport, xlsx, zipOf, seedSeller } from './support';

describe('order imports: CSV/XLSX bulk import as a job', () => {
  let t: TestApp;
  let seller: Seat;
  let other: Seat;
  let seq = 0;
  const num = (tag: string) => `${tag}-${++seq}`;

  beforeAll(async () => {
    t = await importsTestApp();
    seller = await seedSeller(t, 'Import Traders');
    other = await seedSeller(t, 'Other Importers');
  });
  afterAll(() => t.close());

  const ordersOf = (importId: string) =>
    t.get(UnitOfWork).run({ system: true }, (tx) =>
      queryRows<{ order_number: string; status: string; items: { unitPricePaise: number; quantity: number }[]; packages: { weightGrams: number }[]; cod_amount_paise: string; company_id: string }>(
        tx,
        sql`select order_number, status, items, packages, cod_amount_paise, company_id from orders.orders where import_id = ${importId} order by order_number`,
      ),
    );
  const errorReport = async (id: string, token = seller.token) => {
    const res = await t.http({ method: 'GET', url: `/v1/order-imports/${id}/errors`, token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const [head, ...rows] = parseCsv(res.body);
    return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
  };

  it('serves the template: every column and one example row', async () => {
    const res = await t.http({ method: 'GET', url: '/v1/order-imports/template', token: seller.token });
    expect(res.statusCode).toBe(200);
    const [head, example] = parseCsv(res.body);
    expect(head).toEqual(expect.arrayContaining(['order_number', 'payment_mode', 'item_unit_price', 'package_weight_kg', 'warehouse_code', 'tags', 'invoice_number']));
    expect(example).toHaveLength(head.length);
  });

  it('imports a CSV (BOM, multi-item orders, rupees to exact paise) and reports completion', async () => {
    const a = num('CSV');
    const b = num('CSV');
    const rows = [
      orderRow(a, { item_unit_price: '1,299.50', item_quantity: '1' }),
      orderRow(a, { buyer_phone: '', item_sku: 'MUG-1', item_name: 'Mug', item_quantity: '3', item_unit_price: '₹ 0.10', package_weight_kg: '', package_length_cm: '', package_breadth_cm: '', package_height_cm: '' }),
      orderRow(b, { payment_mode: 'cod', item_unit_price: '749.99', cod_amount: '1499.98', package_weight_kg: '1.25' }),
    ];
    rows[1].buyer_phone = rows[0].buyer_phone;
    const res = await upload(t, seller.token, `\uFEFF${csv(rows)}`);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', id: expect.any(String) });
    const done = await waitForImport(t, seller.token, res.json().id);
    expect(done).toMatchObject({ status: 'completed', mode: 'valid_only', format: 'csv', totalRows: 3, processed: 3, succeeded: 3, failed: 0, ordersCreated: 2, error: null });
    expect(done.timings.totalMs).toEqual(expect.any(Number));
    const orders = await ordersOf(done.id);
    expect(orders.map((o) => o.order_number)).toEqual([a, b]);
    expect(orders[0].items.map((i) => [i.quantity, i.unitPricePaise])).toEqual([[1, 129950], [3, 10]]);
    expect(orders[1].packages[0].weightGrams).toBe(1250);
    expect(Number(orders[1].cod_amount_paise)).toBe(149998);
  });

  it('imports an XLSX (first sheet, same columns); formula cells are refused, never imported', async () => {
    const good = num('XL');
    const evil = num('XL');
    const evilRow = orderRow(evil);
    const file = await xlsx([
      orderRow(good, { item_quantity: '2' }),
      (sheet) => {
        const row = sheet.addRow(HEADER.map((h) => evilRow[h] ?? ''));
        row.getCell(HEADER.indexOf('buyer_name') + 1).value = { formula: 'CMD()', result: 'x' } as never;
      },
    ]);
    const res = await upload(t, seller.token, file, undefined, 'orders.xlsx');
    expect(res.statusCode).toBe(202);
    const done = await waitForImport(t, seller.token, res.json().id);
    expect(done).toMatchObject({ status: 'completed', format: 'xlsx', totalRows: 2, succeeded: 1, failed: 1, ordersCreated: 1 });
    expect((await ordersOf(done.id)).map((o) => o.order_number)).toEqual([good]);
    const report = await errorReport(done.id);
    expect(report).toEqual([expect.objectContaining({ row: '3', order_number: evil, field: 'buyer_name', code: 'formula_rejected', original_buyer_name: "'=CMD()" })]);
  });

  it('valid_only writes the good orders and reports every bad row with its original cells', async () => {
    const ok = num('VO');
    const badMoney = num('VO');
    const conflict = num('VO');
    const rows = [
      orderRow(ok),
      orderRow(badMoney, { item_unit_price: '12.345' }),
      orderRow(conflict, { buyer_phone: '9811111111' }),
      orderRow(conflict, { buyer_phone: '9811111111', payment_mode: 'cod' }),
      orderRow(num('VO'), { item_quantity: '0', buyer_name: '=HYPERLINK("http://evil")' }),
      orderRow(num('VO'), { shipping_pincode: '000000' }),
    ];
    const res = await upload(t, seller.token, csv(rows), 'valid_only');
    const done = await waitForImport(t, seller.token, res.json().id);
    expect(done).toMatchObject({ status: 'completed', totalRows: 6, succeeded: 1, failed: 5, ordersCreated: 1 });
    const report = await errorReport(done.id);
    const byRow = (row: string) => report.filter((r) => r.row === row);
    expect(byRow('3')).toEqual([expect.objectContaining({ field: 'item_unit_price', code: 'invalid_amount', order_number: badMoney, original_item_unit_price: '12.345' })]);
    expect(byRow('5')).toEqual([expect.objectContaining({ field: 'payment_mode', code: 'conflicting_order_value' })]);
    expect(byRow('6').map((r) => r.code).sort()).toEqual(['formula_rejected', 'invalid_quantity']);
    expect(byRow('6').find((r) => r.code === 'formula_rejected')!.original_buyer_name).toBe('\'=HYPERLINK("http://evil")');
    expect(byRow('7')).toEqual([expect.objectContaining({ field: 'shipping_pincode' })]);
    expect((await ordersOf(done.id)).map((o) => o.order_number)).toEqual([ok]);
  });

  it('all_or_nothing writes nothing when any row is bad, and everything when all are good', async () => {
    const bad = await upload(t, seller.token, csv([orderRow(num('AN')), orderRow(num('AN')), orderRow(num('AN'), { payment_mode: 'card' })]), 'all_or_nothing');
    const failed = await waitForImport(t, seller.token, bad.json().id);
    expect(failed).toMatchObject({ status: 'failed', mode: 'all_or_nothing', totalRows: 3, succeeded: 0, failed: 1, ordersCreated: 0, error: { code: 'import.invalid_rows' } });
    expect(await ordersOf(failed.id)).toHaveLength(0);
    expect((await errorReport(failed.id)).map((r) => [r.row, r.field])).toEqual([['4', 'payment_mode']]);

    const good = await upload(t, seller.token, csv([orderRow(num('AN')), orderRow(num('AN'))]), 'all_or_nothing');
    const done = await waitForImport(t, seller.token, good.json().id);
    expect(done).toMatchObject({ status: 'completed', succeeded: 2, ordersCreated: 2 });
    expect(done.validatedAt).not.toBeNull();
    expect(await ordersOf(done.id)).toHaveLength(2);
  });

  it('rolls back a whole import batch (audited) and only once', async () => {
    const res = await upload(t, seller.token, csv([orderRow(num('RB')), orderRow(num('RB')), orderRow(num('RB'))]));
    const done = await waitForImport(t, seller.token, res.json().id);
    expect(done.ordersCreated).toBe(3);
    const rb = await t.http({ method: 'POST', url: `/v1/order-imports/${done.id}/rollback`, token: seller.token });
    expect(rb.statusCode).toBe(200);
    expect(rb.json()).toEqual({ cancelled: 3, notCancellable: [] });
    expect((await ordersOf(done.id)).every((o) => o.status === 'cancelled')).toBe(true);
    expect((await t.http({ method: 'GET', url: `/v1/order-imports/${done.id}`, token: seller.token })).json()).toMatchObject({ status: 'rolled_back', rollback: { cancelled: 3 } });
    const again = await t.http({ method: 'POST', url: `/v1/order-imports/${done.id}/rollback`, token: seller.token });
    expect(again.statusCode).toBe(409);
    const audit = await t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<{ action: string }>(tx, sql`select action from audit.audit_log where target_id = ${done.id} order by seq`));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['order_imports.started', 'order_imports.rolled_back']));
  });

  it('keeps the error report of an import that stops part-way (rows refused before the fault are in it)', async () => {
    const fault = num('FLT');
    // A database fault while the orders are written, as if the server failed in the middle of an import.
    await t.database.ownerExec(`create function orders.test_fault() returns trigger language plpgsql as $$
      begin if new.order_number = '${fault}' then raise exception 'disk full'; end if; return new; end $$;
      create trigger test_fault before insert on orders.orders for each row execute function orders.test_fault()`);
    try {
      const res = await upload(t, seller.token, csv([orderRow(num('FLT')), orderRow(num('FLT'), { payment_mode: 'card' }), orderRow(fault)]));
      const failed = await waitForImport(t, seller.token, res.json().id);
      expect(failed).toMatchObject({ status: 'failed', error: { code: 'import.internal_error' }, ordersCreated: 0 });
      expect((await errorReport(failed.id)).map((r) => [r.row, r.field])).toEqual([['3', 'payment_mode']]);
    } finally {
      await t.database.ownerExec('drop trigger test_fault on orders.orders; drop function orders.test_fault()');
    }
  });

  it('marks an import whose worker died as interrupted when its job is redelivered, and lets it be rolled back', async () => {
    const res = await upload(t, seller.token, csv([orderRow(num('INT')), orderRow(num('INT'))]));
    const done = await waitForImport(t, seller.token, res.json().id);
    // As if the worker died after writing the orders but before finishing: the row is stuck at importing.
    await t.get(UnitOfWork).run({ system: true }, (tx) => tx.execute(sql`update "order-imports".imports set status = 'importing', finished_at = null, updated_at = now() - interval '10 minutes' where id = ${done.id}`));
    await t.get(CommandBus).execute(new ProcessOrderImport(seller.companyId, done.id));
    const after = (await t.http({ method: 'GET', url: `/v1/order-imports/${done.id}`, token: seller.token })).json();
    expect(after).toMatchObject({ status: 'failed', error: { code: 'import.interrupted' } });
    const rb = await t.http({ method: 'POST', url: `/v1/order-imports/${done.id}/rollback`, token: seller.token });
    expect(rb.json()).toEqual({ cancelled: 2, notCancellable: [] });
  });

  it('streams progress as Server-Sent Events until the import is done', async () => {
    const res = await upload(t, seller.token, csv(Array.from({ length: 20 }, () => orderRow(num('SSE')))));
    const events = await t.http({ method: 'GET', url: `/v1/order-imports/${res.json().id}/events`, token: seller.token });
    expect(events.statusCode).toBe(200);
    expect(events.headers['content-type']).toContain('text/event-stream');
    const parsed = events.body
      .split('\n\n')
      .filter((block) => block.includes('data:'))
      .map((block) => ({ type: /event: (\w+)/.exec(block)?.[1], data: JSON.parse(/data: (.*)/.exec(block)![1]) }));
    expect(parsed.filter((e) => e.type === 'progress').length).toBeGreaterThanOrEqual(1);
    const last = parsed[parsed.length - 1];
    expect(last).toMatchObject({ type: 'done', data: { status: 'completed', processed: 20, succeeded: 20 } });
    expect((await t.http({ method: 'GET', url: `/v1/order-imports/${res.json().id}/events`, token: other.token })).statusCode).toBe(404);
  });

  it('ends the progress stream with auth_expired when the access token that opened it expires first', async () => {
    const res = await upload(t, seller.token, csv([orderRow(num('EXP'))]));
    const done = await waitForImport(t, seller.token, res.json().id);
    // An import still running (as far as its row says) when the token runs out.
    await t.get(UnitOfWork).run({ system: true }, (tx) => tx.execute(sql`update "order-imports".imports set status = 'importing', finished_at = null where id = ${done.id}`));
    const jwt = t.get(JwtService);
    const { exp: _exp, iat: _iat, ...claims } = jwt.decode<Record<string, unknown>>(seller.token);
    const shortLived = jwt.sign(claims, { expiresIn: 2 });
    const started = Date.now();
    const events = await t.http({ method: 'GET', url: `/v1/order-imports/${done.id}/events`, token: shortLived });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const blocks = events.body.split('\n\n').filter((block) => block.includes('data:'));
    expect(blocks.map((block) => /event: (\w+)/.exec(block)?.[1])).toEqual(['progress', 'auth_expired']);
    expect(JSON.parse(/data: (.*)/.exec(blocks[1])![1])).toEqual({ code: 'auth.token_expired', message: 'The access token has expired; reconnect with a fresh one.' });
  });

  describe('hostile files: clear errors, nothing half-written', () => {
    const refused = async (content: Buffer | string, status: number, code: string) => {
      const res = await upload(t, seller.token, content);
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
      return res.json();
    };

    it('refuses wrong encodings but accepts UTF-16 with a BOM', async () => {
      const latin1 = Buffer.from(csv([orderRow(num('ENC'), { buyer_name: 'José Café' })]), 'latin1');
      const problem = await refused(latin1, 422, 'import.encoding');
      expect(problem.detail).toMatch(/not UTF-8/);
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv([orderRow(num('ENC'), { buyer_name: 'José Café' })]), 'utf16le')]);
      const res = await upload(t, seller.token, utf16);
      expect(res.statusCode).toBe(202);
      expect(await waitForImport(t, seller.token, res.json().id)).toMatchObject({ status: 'completed', succeeded: 1 });
    });

    it('refuses empty, header-only, unknown/missing columns, binaries and unbalanced quotes', async () => {
      await refused('', 422, 'import.empty_file');
      await refused(`${HEADER.join(',')}\r\n`, 422, 'import.no_rows');
      const columns = await refused(csv([orderRow(num('H'))], [...HEADER.filter((h) => h !== 'buyer_name'), 'colour']), 422, 'import.invalid_header');
      expect(columns.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'columns.colour', code: 'unknown_column' }), expect.objectContaining({ field: 'columns.buyer_name', code: 'missing_column' })]));
      await refused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 415, 'import.unsupported_file');
      const broken = `${csv([orderRow(num('Q'))])}${orderRow(num('Q')).order_number},"prepaid,unclosed\r\n`;
      const quote = await refused(broken, 422, 'import.malformed_csv');
      expect(quote.detail).toMatch(/unbalanced/);
    });

    it('reports rows with too many or too few cells', async () => {
      const ok = orderRow(num('CC'));
      const content = `${csv([ok])}${csv([orderRow(num('CC'))]).split('\r\n')[1]},extra\r\nCC-short,prepaid\r\n`;
      const res = await upload(t, seller.token, content);
      const done = await waitForImport(t, seller.token, res.json().id);
      expect(done).toMatchObject({ status: 'completed', totalRows: 3, succeeded: 1, failed: 2 });
      const report = await errorReport(done.id);
      expect(report.filter((r) => r.code === 'column_count').map((r) => r.row)).toEqual(['3', '4']);
    });

    it(`refuses files over ORDER_IMPORT_MAX_BYTES with 413, and more than ORDER_IMPORT_MAX_ROWS rows without writing any`, async () => {
      const big = Buffer.alloc(MAX_BYTES + 1000, 'a');
      await refused(Buffer.concat([Buffer.from(`${HEADER.join(',')}\r\n`), big]), 413, 'import.file_too_large');
      const many = csv(Array.from({ length: MAX_ROWS + 1 }, () => orderRow(num('MANY'))));
      const res = await upload(t, seller.token, many);
      const done = await waitForImport(t, seller.token, res.json().id);
      expect(done).toMatchObject({ status: 'failed', ordersCreated: 0, error: { code: 'import.too_many_rows' } });
      expect(done.error.message).toContain(String(MAX_ROWS));
      expect(await ordersOf(done.id)).toHaveLength(0);
    });

    it('refuses zip bombs and zips that are not workbooks', async () => {
      const bomb = zipOf([{ name: '[Content_Types].xml', content: Buffer.from('<Types/>') }, { name: 'xl/workbook.xml', content: Buffer.alloc(20 * 1024 * 1024, 0x20) }]);
      expect(bomb.length).toBeLessThan(MAX_BYTES);
      const problem = await refused(bomb, 422, 'import.xlsx_rejected');
      expect(problem.detail).toMatch(/compressed|unpacks/);
      await refused(zipOf([{ name: 'notes.txt', content: Buffer.from('hello') }]), 422, 'import.xlsx_rejected');
    });

    it('rejects an unknown mode and a request without a file', async () => {
      expect((await upload(t, seller.token, csv([orderRow(num('M'))]), 'sometimes')).statusCode).toBe(422);
      expect((await t.http({ method: 'POST', url: '/v1/order-imports', token: seller.token, payload: {} })).statusCode).toBe(415);
    });
  });

  describe('XLSX reads leave no temp file behind (exceljs spools sheets stored before xl/sharedStrings.xml)', () => {
    // exceljs's tmp creates its files in os.tmpdir(), asked on every file. Jest gives each test file a copy of
    // process.env, so setting TMPDIR here would not reach os.tmpdir(); point the function itself at a fresh directory.
    let dir: string;
    let tmpdir: jest.SpyInstance<string, []>;
    beforeEach(() => {
      dir = mkdtempSync(join(os.tmpdir(), 'order-imports-'));
      tmpdir = jest.spyOn(os, 'tmpdir').mockReturnValue(dir);
    });
    afterEach(() => {
      tmpdir.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    });
    // exceljs deletes a temp file asynchronously (close, then unlink): give it a moment, never more.
    const leftovers = async () => {
      for (let i = 0; i < 20 && readdirSync(dir).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      return readdirSync(dir);
    };
    const partOrder = (file: Buffer) => unzipEntries(file).map((e) => e.name).filter((n) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(n));

    it('the fixture makes exceljs spool its sheet into that directory until the sheet has been read past', async () => {
      const file = await xlsx([orderRow(num('TMP'))]);
      expect(partOrder(file)).toEqual(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']);
      const sheets = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {})[Symbol.asyncIterator]();
      const first = await sheets.next();
      expect(readdirSync(dir)).toHaveLength(1);
      let rows = 0;
      for await (const _row of first.value!) rows++;
      expect(rows).toBe(2);
      expect(readdirSync(dir)).toHaveLength(1);
      expect((await sheets.next()).done).toBe(true);
      expect(await leftovers()).toEqual([]);
    });

    it('after an upload whose header is checked and refused (the read stops after two records)', async () => {
      const file = await xlsx([orderRow(num('TMP')), orderRow(num('TMP'))], [...HEADER, 'colour']);
      expect(partOrder(file)).toEqual(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']);
      const res = await upload(t, seller.token, file, undefined, 'orders.xlsx');
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 422, code: 'import.invalid_header' });
      expect(await leftovers()).toEqual([]);
    });

    it('after an upload refused because its sheet cannot be parsed', async () => {
      const entries = unzipEntries(await xlsx([orderRow(num('TMP'))]));
      const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
      sheet.content = Buffer.from(sheet.content.toString('utf8').replace('</row>', '</rows>'));
      const file = zipOf(entries);
      expect(partOrder(file)).toEqual(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']);
      const res = await upload(t, seller.token, file, undefined, 'orders.xlsx');
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 422, code: 'import.xlsx_unreadable' });
      expect(await leftovers()).toEqual([]);
    });

    it('after an upload and the worker reading the whole first sheet of a workbook with two sheets', async () => {
      const file = await xlsx([orderRow(num('TMP')), orderRow(num('TMP'))], HEADER, { Notes: [['not imported'], ['really not']] });
      expect(partOrder(file)).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml']);
      const res = await upload(t, seller.token, file, undefined, 'orders.xlsx');
      expect(res.statusCode).toBe(202);
      expect(await waitForImport(t, seller.token, res.json().id)).toMatchObject({ status: 'completed', totalRows: 2, succeeded: 2 });
      expect(await leftovers()).toEqual([]);
    });

    it('with sharedStrings stored before the sheet too (read straight from the zip, nothing spooled), early stop included', async () => {
      const entries = unzipEntries(await xlsx([orderRow(num('TMP')), orderRow(num('TMP'))]));
      const file = zipOf([...entries.filter((e) => !e.name.startsWith('xl/worksheets/')), ...entries.filter((e) => e.name.startsWith('xl/worksheets/'))]);
      expect(partOrder(file)).toEqual(['xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']);
      const res = await upload(t, seller.token, file, undefined, 'orders.xlsx');
      expect(res.statusCode).toBe(202);
      expect(await waitForImport(t, seller.token, res.json().id)).toMatchObject({ status: 'completed', totalRows: 2, succeeded: 2 });
      expect(await leftovers()).toEqual([]);
    });

    it('after the worker stops reading early (too many rows)', async () => {
      const file = await xlsx(Array.from({ length: MAX_ROWS + 5 }, () => orderRow(num('TMP'))));
      const res = await upload(t, seller.token, file, undefined, 'orders.xlsx');
      expect(res.statusCode).toBe(202);
      expect(await waitForImport(t, seller.token, res.json().id)).toMatchObject({ status: 'failed', error: { code: 'import.too_many_rows' } });
      expect(await leftovers()).toEqual([]);
    });
  });

  it('keeps imports to their company and needs orders.import', async () => {
    const res = await upload(t, seller.token, csv([orderRow(num('TEN'))]));
    const id = res.json().id;
    await waitForImport(t, seller.token, id);
    for (const url of [`/v1/order-imports/${id}`, `/v1/order-imports/${id}/errors`]) expect((await t.http({ method: 'GET', url, token: other.token })).statusCode).toBe(404);
    expect((await t.http({ method: 'POST', url: `/v1/order-imports/${id}/rollback`, token: other.token })).statusCode).toBe(404);
    const theirs = (await t.http({ method: 'GET', url: '/v1/order-imports', token: other.token })).json().items;
    expect(theirs.map((i: { id: string }) => i.id)).not.toContain(id);
    const mine = await t.http({ method: 'GET', url: '/v1/order-imports?limit=2', token: seller.token });
    expect(mine.json().items).toHaveLength(2);
    expect(mine.json().items[0].id).toBe(id);
    const next = await t.http({ method: 'GET', url: `/v1/order-imports?limit=2&cursor=${mine.json().nextCursor}`, token: seller.token });
    expect(next.json().items[0].id).not.toBe(id);
    expect((await t.http({ method: 'GET', url: '/v1/order-imports' })).statusCode).toBe(401);
    const viewer = await addMember(t, seller, 'viewer', 'Vera Viewer');
    expect((await upload(t, viewer.token, csv([orderRow(num('TEN'))]))).statusCode).toBe(403);
    expect((await t.http({ method: 'GET', url: `/v1/order-imports/${id}`, token: viewer.token })).statusCode).toBe(403);
  });
});
