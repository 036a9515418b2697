import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { GeoModule } from '@shipcrowd/geo';
import { IdentityModule } from '@shipcrowd/identity';
import type { OrderDraft } from '@shipcrowd/orders/contracts';
import { OrdersHttpModule } from '@shipcrowd/orders';
import { StorageModule } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { WarehousesHttpModule } from '@shipcrowd/warehouses';
import { seedCompany, Seat } from '../companies/support';

export function ordersTestApp(): Promise<TestApp> {
  return createTestApp({
    imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, GeoModule, WarehousesHttpModule, OrdersHttpModule],
    env: { RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_MAX: '100000' },
  });
}

export interface Seller extends Seat {
  /** Code → id; the first one is the default. */
  warehouses: Record<string, string>;
}

/** A company with warehouses (the first becomes the default) created over HTTP. */
export async function seedSeller(t: TestApp, name: string, warehouses: { code: string; pincode: string }[] = [{ code: 'BLR-1', pincode: '560001' }]): Promise<Seller> {
  const seat = await seedCompany(t, name);
  const ids: Record<string, string> = {};
  for (const w of warehouses) {
    const res = await t.http({
      method: 'POST',
      url: '/v1/warehouses',
      token: seat.token,
      payload: { code: w.code, name: `${w.code} warehouse`, contactName: 'Ravi Kumar', contactPhone: '+919876543210', addressLine1: 'Plot 42, 3rd Cross, Industrial Area', pincode: w.pincode },
    });
    if (res.statusCode !== 201) throw new Error(`warehouse failed: ${res.statusCode} ${res.body}`);
    ids[w.code] = res.json().id;
  }
  return { ...seat, warehouses: ids };
}

let phoneCounter = 0;
/** A distinct valid mobile number per call, so drafts are not duplicates of each other unless a test wants that. */
export function uniquePhone(): string {
  phoneCounter += 1;
  return `9${String(Date.now() % 1_000_000).padStart(6, '0')}${String(phoneCounter % 1000).padStart(3, '0')}`;
}

export function draft(over: Partial<OrderDraft> = {}): OrderDraft {
  return {
    paymentMode: 'prepaid',
    buyer: { name: 'Asha Rao', phone: uniquePhone(), email: 'asha@example.in' },
    shippingAddress: { line1: 'Flat 12, Sunrise Apartments, 4th Cross', landmark: 'Near Metro Station', city: 'Bengaluru', state: 'Karnataka', pincode: '560038' },
    items: [{ sku: 'TS-BLK-M', name: 'Black T-shirt', quantity: 2, unitPricePaise: 49900, taxRatePercent: 5 }],
    packages: [{ weightGrams: 500, lengthCm: 30, breadthCm: 20, heightCm: 5 }],
    ...over,
  };
}

export const BUYER_GSTIN = '29ABCDE1234F1ZW';
