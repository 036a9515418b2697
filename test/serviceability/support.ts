import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Type } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { GeoModule } from '@shipcrowd/geo';
import { IdentityModule } from '@shipcrowd/identity';
import { queryRows, StorageModule, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { ServiceabilityHttpModule, ServiceabilityJobsModule } from '@shipcrowd/serviceability';

/** The serviceability HTTP API + its jobs (upload processor) with real identity, companies, geo, audit and storage. */
export async function serviceabilityTestApp(env: Record<string, string> = {}, extraImports: Type<unknown>[] = []): Promise<TestApp> {
  const dir = `.data/test/files-${randomUUID()}`;
  const t = await createTestApp({
    imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, GeoModule, ServiceabilityHttpModule, ServiceabilityJobsModule, ...extraImports],
    env: { STORAGE_LOCAL_DIR: dir, RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_MAX: '100000', ...env },
  });
  const close = t.close;
  return {
    ...t,
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function rows<T>(t: TestApp, query: ReturnType<typeof sql>): Promise<T[]> {
  return t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<T>(tx, query));
}

/** Polls GET /v1/admin/serviceability/uploads/{id} until it is completed or failed. */
export async function waitForUpload(t: TestApp, token: string, id: string, timeoutMs = 120_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http({ method: 'GET', url: `/v1/admin/serviceability/uploads/${id}`, token });
    if (res.statusCode !== 200) throw new Error(`upload status ${res.statusCode}: ${res.body}`);
    const body = res.json();
    if (body.status === 'completed' || body.status === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`upload ${id} still ${body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const CSV_HEADER = 'courier,service,pincode,prepaid,cod,pickup,reverse,oda,max_weight_grams,max_cod_paise';

/** A fingerprint of the whole coverage table (changes if any lane changes). */
export const fingerprint = (t: TestApp) =>
  rows<{ n: number; h: string }>(
    t,
    sql`select count(*)::int as n, md5(string_agg(courier || service || pincode || prepaid || cod || pickup || reverse || oda || coalesce(max_weight_grams, -1) || coalesce(max_cod_paise, -1), ',' order by pincode, courier, service)) as h from serviceability.coverage`,
  ).then((r) => r[0]);
