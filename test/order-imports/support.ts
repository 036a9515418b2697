import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as ExcelJS from 'exceljs';
import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { GeoModule } from '@shipcrowd/geo';
import { IdentityModule } from '@shipcrowd/identity';
import { OrderImportsHttpModule, OrderImportsJobsModule } from '@shipcrowd/order-imports';
import { OrdersModule } from '@shipcrowd/orders';
import { StorageModule } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { WarehousesHttpModule } from '@shipcrowd/warehouses';
import { multipart, seedCompany, Seat } from '../companies/support';

export const MAX_ROWS = 60;
export const MAX_BYTES = 200_000;

/** API and worker parts in one app, on a real database and Redis (the job runs through Bull). */
export function importsTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({
    imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, GeoModule, WarehousesHttpModule, OrdersModule, OrderImportsHttpModule, OrderImportsJobsModule],
    env: { RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_MAX: '100000', ORDER_IMPORT_MAX_ROWS: String(MAX_ROWS), ORDER_IMPORT_MAX_BYTES: String(MAX_BYTES), STORAGE_LOCAL_DIR: `.data/test/imports-${process.pid}`, ...env },
  });
}

/** A company with one warehouse (BLR-1, the default). */
export async function seedSeller(t: TestApp, name: string): Promise<Seat> {
  const seat = await seedCompany(t, name);
  const res = await t.http({
    method: 'POST',
    url: '/v1/warehouses',
    token: seat.token,
    payload: { code: 'BLR-1', name: 'Main', contactName: 'Ravi Kumar', contactPhone: '+919876543210', addressLine1: 'Plot 42, Peenya Industrial Area', pincode: '560001' },
  });
  if (res.statusCode !== 201) throw new Error(`warehouse failed: ${res.statusCode} ${res.body}`);
  return seat;
}

export const HEADER = [
  'order_number', 'payment_mode', 'cod_amount', 'buyer_name', 'buyer_phone', 'buyer_email', 'shipping_line1', 'shipping_landmark', 'shipping_city', 'shipping_state', 'shipping_pincode',
  'item_sku', 'item_name', 'item_quantity', 'item_unit_price', 'package_weight_kg', 'package_length_cm', 'package_breadth_cm', 'package_height_cm', 'warehouse_code', 'tags',
];

let phone = 0;
/** A distinct valid mobile per order (the orders context flags same-buyer repeats as duplicates). */
export function nextPhone(): string {
  phone += 1;
  return `98${String(process.pid % 1000).padStart(3, '0')}${String(phone).padStart(5, '0')}`;
}

export type Row = Record<string, string>;

export function orderRow(orderNumber: string, over: Row = {}): Row {
  return {
    order_number: orderNumber,
    payment_mode: 'prepaid',
    cod_amount: '',
    buyer_name: 'Priya Sharma',
    buyer_phone: nextPhone(),
    buyer_email: 'priya@example.in',
    shipping_line1: 'Flat 12B, Lotus Towers, 4th Cross',
    shipping_landmark: 'Near City Mall',
    shipping_city: 'Bengaluru',
    shipping_state: 'Karnataka',
    shipping_pincode: '560038',
    item_sku: 'TS-BLK-M',
    item_name: 'Black T-shirt',
    item_quantity: '2',
    item_unit_price: '749.50',
    package_weight_kg: '0.5',
    package_length_cm: '30',
    package_breadth_cm: '20',
    package_height_cm: '5',
    warehouse_code: 'BLR-1',
    tags: 'diwali|priority',
    ...over,
  };
}

function quote(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csv(rows: Row[], header = HEADER): string {
  return [header.join(','), ...rows.map((r) => header.map((h) => quote(r[h] ?? '')).join(','))].join('\r\n') + '\r\n';
}

/** A workbook as exceljs writes it: each sheet's part comes before xl/sharedStrings.xml. `otherSheets` follow the orders sheet. */
export async function xlsx(rows: (Row | ((sheet: ExcelJS.Worksheet) => void))[], header = HEADER, otherSheets: Record<string, string[][]> = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Orders');
  sheet.addRow(header);
  for (const r of rows) {
    if (typeof r === 'function') r(sheet);
    else sheet.addRow(header.map((h) => r[h] ?? ''));
  }
  for (const [name, cells] of Object.entries(otherSheets)) workbook.addWorksheet(name).addRows(cells);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function upload(t: TestApp, token: string, content: Buffer | string, mode?: string, filename = 'orders.csv') {
  const file = multipart('file', filename, 'text/csv', Buffer.isBuffer(content) ? content : Buffer.from(content));
  if (!mode) return t.http({ method: 'POST', url: '/v1/order-imports', token, ...file });
  // The mode field goes before the file part.
  const boundary = /boundary=(.*)$/.exec(file.headers['content-type'])![1];
  const field = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\n${mode}\r\n`);
  return t.http({ method: 'POST', url: '/v1/order-imports', token, headers: file.headers, payload: Buffer.concat([field, file.payload]) });
}

const TERMINAL = ['completed', 'failed', 'rolled_back'];

export async function waitForImport(t: TestApp, token: string, id: string, timeoutMs = 25_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http({ method: 'GET', url: `/v1/order-imports/${id}`, token });
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode} ${res.body}`);
    const body = res.json();
    if (TERMINAL.includes(body.status)) return body;
    if (Date.now() > until) throw new Error(`import ${id} still ${body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Parses a CSV the tests produced or received (quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A zip archive built by hand: `entries` stored deflated, with honest sizes in the directory. */
export function zipOf(entries: { name: string; content: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = deflateRawSync(e.content);
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(e.content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The entries of a zip written with sizes in its local headers (exceljs's and zipOf's), in archive order. */
export function unzipEntries(zip: Buffer): { name: string; content: Buffer }[] {
  const entries: { name: string; content: Buffer }[] = [];
  for (let offset = 0; zip.readUInt32LE(offset) === 0x04034b50; ) {
    if (zip.readUInt16LE(offset + 6) & 0x08) throw new Error('sizes are in data descriptors; not supported here');
    const method = zip.readUInt16LE(offset + 8);
    const size = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const start = offset + 30 + nameLength + zip.readUInt16LE(offset + 28);
    const data = zip.subarray(start, start + size);
    const name = zip.toString('utf8', offset + 30, offset + 30 + nameLength);
    if (!name.endsWith('/')) entries.push({ name, content: method === 8 ? inflateRawSync(data) : Buffer.from(data) });
    offset = start + size;
  }
  return entries;
}
