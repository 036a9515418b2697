import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { CouriersHttpModule, CouriersModule } from '@shipcrowd/couriers';
import { GeoHttpModule } from '@shipcrowd/geo';
import { IdentityModule } from '@shipcrowd/identity';
import type { OrderDraft } from '@shipcrowd/orders/contracts';
import { OrdersHttpModule } from '@shipcrowd/orders';
import { StorageModule } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { PricingHttpModule } from '@shipcrowd/pricing';
import { ServiceabilityHttpModule } from '@shipcrowd/serviceability';
import { ShippingHttpModule, ShippingJobsModule } from '@shipcrowd/shipping';
import type { DynamicModule, Type } from '@nestjs/common';
import { WarehousesHttpModule } from '@shipcrowd/warehouses';
import { draft, seedSeller, Seller } from '../orders/support';

/**
 * Quote to shipment over HTTP: identity, companies, geo, serviceability, pricing, warehouses, orders, couriers (sandbox:
 * the courier simulators run in-process and the adapters speak HTTP to them) and shipping with its worker jobs.
 */
export function shippingTestApp(env: Record<string, string> = {}, extraImports: (Type<unknown> | DynamicModule)[] = []): Promise<TestApp> {
  return createTestApp({
    imports: [
      AuditModule,
      StorageModule,
      IdentityModule,
      CompaniesHttpModule,
      GeoHttpModule,
      ServiceabilityHttpModule,
      PricingHttpModule,
      WarehousesHttpModule,
      OrdersHttpModule,
      CouriersModule,
      CouriersHttpModule,
      ShippingHttpModule,
      ShippingJobsModule,
      ...extraImports,
    ],
    env: { RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_MAX: '100000', COURIER_MODE: 'sandbox', ...env },
  });
}

/** A seller with a Bengaluru warehouse (560058, open every day 00:00-23:59 so pickups are always possible). */
export async function seedShipper(t: TestApp, name: string): Promise<Seller> {
  const seller = await seedSeller(t, name, [{ code: 'BLR-1', pincode: '560058' }]);
  const day = { closed: false, open: '00:00', close: '23:59' };
  const hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
  const res = await t.http({ method: 'PATCH', url: `/v1/warehouses/${seller.warehouses['BLR-1']}`, token: seller.token, payload: { operatingHours: hours } });
  if (res.statusCode !== 200) throw new Error(`warehouse hours failed: ${res.statusCode} ${res.body}`);
  return seller;
}

/** Places one order (to Mumbai 400001 unless overridden) and returns its id. */
export async function placeOrder(t: TestApp, seller: Seller, over: Partial<OrderDraft> = {}): Promise<{ id: string; orderNumber: string }> {
  const res = await t.http({
    method: 'POST',
    url: '/v1/orders',
    token: seller.token,
    payload: draft({ shippingAddress: { line1: 'Flat 4B, 12 Marine Drive', landmark: 'Near Churchgate', city: 'Mumbai', state: 'Maharashtra', pincode: '400001' }, ...over }),
  });
  if (res.statusCode !== 201) throw new Error(`order failed: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, orderNumber: res.json().orderNumber };
}

/** Polls until `check` returns a value (jobs run in the background), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
