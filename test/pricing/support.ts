import { sql } from 'drizzle-orm';
import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { GeoHttpModule } from '@shipcrowd/geo';
import { IdentityModule } from '@shipcrowd/identity';
import { queryRows, StorageModule, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { PricingHttpModule } from '@shipcrowd/pricing';
import { ServiceabilityHttpModule } from '@shipcrowd/serviceability';
import { sampleTerms } from '../../libs/pricing/src/domain/testing-terms';

/** Pricing over HTTP with the real identity, companies, geo (incl. custom zone routes) and serviceability contexts. */
export function pricingTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({
    imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule, GeoHttpModule, ServiceabilityHttpModule, PricingHttpModule],
    env: { RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_MAX: '100000', ...env },
  });
}

/** Clean, round numbers that make a quote easy to check by hand (zone C: Rs 40 + Rs 38 per extra 500 g; COD max(Rs 35, 1.5%); fuel 12%). */
export function handTerms(over: Record<string, unknown> = {}) {
  return { ...sampleTerms(), ...over };
}

export async function sqlRows<T>(t: TestApp, query: ReturnType<typeof sql>): Promise<T[]> {
  return t.get(UnitOfWork).run({ system: true }, (tx) => queryRows<T>(tx, query));
}

type Http = TestApp['http'];

/** Maker creates, maker submits, checker approves: the card (version 1) is active when this returns. */
export async function activeCard(t: TestApp, maker: string, checker: string, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const http: Http = t.http;
  const created = await http({ method: 'POST', url: '/v1/admin/rate-cards', token: maker, payload: body });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.statusCode} ${created.body}`);
  const id = created.json().id as string;
  const submitted = await http({ method: 'POST', url: `/v1/admin/rate-cards/${id}/versions/1/submit`, token: maker });
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.statusCode} ${submitted.body}`);
  const approved = await http({ method: 'POST', url: `/v1/admin/rate-cards/${id}/versions/1/approve`, token: checker });
  if (approved.statusCode !== 200) throw new Error(`approve failed: ${approved.statusCode} ${approved.body}`);
  if (approved.json().activeVersion !== 1) throw new Error(`not active: ${approved.body}`);
  return { id, version: 1 };
}
