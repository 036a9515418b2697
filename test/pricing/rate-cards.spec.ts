import { CommandBus } from '@nestjs/cqrs';
import { sql } from 'drizzle-orm';
import { UnitOfWork } from '@shipcrowd/platform';
import { TestApp } from '@shipcrowd/platform/testing';
import { ActivateDueRateCards, PricingModule } from '@shipcrowd/pricing';
import { platformAdminToken, seedCompany, Seat } from '../companies/support';
import { activeCard, handTerms, pricingTestApp, sqlRows } from './support';

describe('pricing: rate cards (versions, maker-checker, guards)', () => {
  let t: TestApp;
  let seller: Seat;
  let maker: string;
  let checker: string;

  beforeAll(async () => {
    t = await pricingTestApp();
    seller = await seedCompany(t, 'Card Traders');
    maker = await platformAdminToken(t, seller);
    checker = await platformAdminToken(t, seller);
  });
  afterAll(() => t.close());

  const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, token = maker, payload?: unknown) => t.http({ method, url: `/v1/admin/rate-cards${url}`, token, payload: payload as never });
  const quoteScope = async (courier: string, service = 'surface') =>
    (await t.http({ method: 'POST', url: '/v1/rates/quote', token: seller.token, payload: { originPincode: '110001', destinationPincode: '400001', paymentMode: 'prepaid', weightGrams: 600 + Math.floor(Math.random() * 1000), couriers: [courier] } }))
      .json()
      .options.find((o: { service: string }) => o.service === service)?.rateCardScope;

  it('runs draft -> pending_approval -> approved -> active with a different checker, rejection with a reason, all audited', async () => {
    const created = await admin('POST', '', maker, { scope: 'company', companyId: seller.companyId, courier: 'dtdc', service: 'surface', terms: handTerms(), notes: 'Negotiated' });
    expect(created.statusCode).toBe(201);
    const card = created.json();
    expect(card).toMatchObject({ scope: 'company', companyId: seller.companyId, courier: 'dtdc', service: 'surface', name: 'DTDC Ground Express (company)', activeVersion: null, versions: [{ version: 1, status: 'draft', notes: 'Negotiated', terms: { slabGrams: 500, gstRateBp: 1800 } }] });
    const id = card.id as string;

    expect((await admin('POST', `/${id}/versions/1/approve`, checker)).json().code).toBe('rate_card.invalid_transition');
    expect((await admin('POST', `/${id}/versions/1/submit`)).json().versions[0]).toMatchObject({ status: 'pending_approval', submittedBy: expect.any(String) });
    const self = await admin('POST', `/${id}/versions/1/approve`, maker);
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({ code: 'rate_card.same_admin', detail: expect.stringMatching(/different platform admin/) });
    expect((await admin('POST', `/${id}/versions/1/reject`, checker, {})).statusCode).toBe(422);

    const rejected = await admin('POST', `/${id}/versions/1/reject`, checker, { reason: 'Zone E looks too cheap' });
    expect(rejected.json().versions[0]).toMatchObject({ status: 'rejected', rejectReason: 'Zone E looks too cheap', reviewedBy: expect.any(String) });
    const edited = await admin('PATCH', `/${id}/versions/1`, maker, { terms: handTerms({ zones: { ...handTerms().zones, E: { firstSlabPaise: 9000, additionalSlabPaise: 8500 } } }) });
    expect(edited.json().versions[0]).toMatchObject({ status: 'draft', rejectReason: null, terms: { zones: { E: { firstSlabPaise: 9000 } } } });
    await admin('POST', `/${id}/versions/1/submit`);
    expect(await quoteScope('dtdc')).toBe('base');
    const approved = await admin('POST', `/${id}/versions/1/approve`, checker);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ activeVersion: 1, versions: [{ version: 1, status: 'active', activatedAt: expect.any(String) }] });
    expect(await quoteScope('dtdc')).toBe('company');

    const audit = await sqlRows<{ action: string; actor_type: string; company_id: string }>(t, sql`select action, actor_type, company_id from audit.audit_log where target_id = ${id} order by seq`);
    expect(audit.map((a) => a.action)).toEqual([
      'pricing.rate_card_created',
      'pricing.rate_card_submitted',
      'pricing.rate_card_rejected',
      'pricing.rate_card_version_edited',
      'pricing.rate_card_submitted',
      'pricing.rate_card_approved',
      'pricing.rate_card_activated',
    ]);
    expect(audit.every((a) => a.actor_type === 'platform_admin' && a.company_id === seller.companyId)).toBe(true);
    const events = await sqlRows<{ type: string; payload: { version: number; courier: string } }>(t, sql`select type, payload from platform.outbox where aggregate_id = ${id}`);
    expect(events).toEqual([{ type: 'pricing.rate_card_activated', payload: expect.objectContaining({ version: 1, courier: 'dtdc', scope: 'company', previousVersion: null }) }]);
  });

  it('never changes an approved version (API 409 and a database trigger), keeps full history, activates future versions when due', async () => {
    const { id } = await activeCard(t, maker, checker, { scope: 'company', companyId: seller.companyId, courier: 'xpressbees', service: 'express', terms: handTerms() });
    const edit = await admin('PATCH', `/${id}/versions/1`, maker, { notes: 'sneaky' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('rate_card.version_immutable');

    // Even the database refuses: terms, dates and deletion of approved versions
    const tamper = (statement: ReturnType<typeof sql>) => t.get(UnitOfWork).run({ system: true }, (tx) => tx.execute(statement));
    await expect(tamper(sql`update pricing.rate_card_versions set terms = jsonb_set(terms, '{odaFeePaise}', '1') where rate_card_id = ${id} and version = 1`)).rejects.toThrow();
    await expect(tamper(sql`update pricing.rate_card_versions set effective_from = now() + interval '1 day' where rate_card_id = ${id} and version = 1`)).rejects.toThrow();
    await expect(tamper(sql`update pricing.rate_card_versions set status = 'draft' where rate_card_id = ${id} and version = 1`)).rejects.toThrow();
    await expect(tamper(sql`delete from pricing.rate_card_versions where rate_card_id = ${id} and version = 1`)).rejects.toThrow();
    const [row] = await sqlRows<{ oda: number; status: string }>(t, sql`select (terms->>'odaFeePaise')::int as oda, status from pricing.rate_card_versions where rate_card_id = ${id} and version = 1`);
    expect(row).toEqual({ oda: 3000, status: 'active' });

    // Version 2 starts tomorrow: approved now, active only once effective.
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const v2 = await admin('POST', `/${id}/versions`, maker, { effectiveFrom: tomorrow.toISOString(), terms: handTerms({ odaFeePaise: 4000 }) });
    expect(v2.statusCode).toBe(201);
    expect((await admin('POST', `/${id}/versions`, maker, {})).json().code).toBe('rate_card.open_version');
    await admin('POST', `/${id}/versions/2/submit`);
    const approved = await admin('POST', `/${id}/versions/2/approve`, checker);
    expect(approved.json()).toMatchObject({ activeVersion: 1, versions: [{ version: 2, status: 'approved' }, { version: 1, status: 'active' }] });
    const early = await admin('POST', `/${id}/versions/2/activate`, checker);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('rate_card.not_yet_effective');

    const due = await t.get(CommandBus).execute(new ActivateDueRateCards(new Date(tomorrow.getTime() + 60_000)));
    expect(due.activated).toEqual([{ rateCardId: id, version: 2 }]);
    const history = (await admin('GET', `/${id}/versions`)).json().items;
    expect(history.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    expect((await t.get(CommandBus).execute(new ActivateDueRateCards())).activated).toEqual([]);
  });

  it('allows at most 10 active company cards per company', async () => {
    const company = await seedCompany(t, 'Ten Cards Co');
    const services = [
      ['delhivery', 'surface'], ['delhivery', 'express'], ['xpressbees', 'surface'], ['xpressbees', 'express'], ['dtdc', 'surface'],
      ['dtdc', 'express'], ['shiprocket', 'surface'], ['shiprocket', 'express'], ['ecom_express', 'surface'], ['ecom_express', 'express'],
    ];
    for (const [courier, service] of services) await activeCard(t, maker, checker, { scope: 'company', companyId: company.companyId, courier, service, terms: handTerms() });
    const eleventh = await admin('POST', '', maker, { scope: 'company', companyId: company.companyId, courier: 'maruti', service: 'surface', terms: handTerms() });
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json()).toMatchObject({ code: 'rate_card.company_limit', limit: 10 });
    // New versions of an active card do not count twice
    const first = (await admin('GET', `?scope=company&companyId=${company.companyId}&courier=delhivery&service=surface`)).json().items[0];
    await admin('POST', `/${first.id}/versions`, maker, { terms: handTerms({ odaFeePaise: 0 }) });
    await admin('POST', `/${first.id}/versions/2/submit`);
    expect((await admin('POST', `/${first.id}/versions/2/approve`, checker)).json().activeVersion).toBe(2);
    // Retiring one frees a slot
    expect((await admin('POST', `/${first.id}/retire`, maker, { reason: 'contract ended' })).json()).toMatchObject({ retiredAt: expect.any(String), retiredReason: 'contract ended', activeVersion: null });
    expect((await admin('POST', '', maker, { scope: 'company', companyId: company.companyId, courier: 'maruti', service: 'surface', terms: handTerms() })).statusCode).toBe(201);
  });

  it('deletes only cards that never priced anything; refuses retiring the base card in use, with reasons', async () => {
    const draft = (await admin('POST', '', maker, { scope: 'vip', courier: 'smartship', service: 'surface', terms: handTerms() })).json();
    const duplicate = await admin('POST', '', maker, { scope: 'vip', courier: 'smartship', service: 'surface', terms: handTerms() });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('rate_card.duplicate');
    expect((await admin('DELETE', `/${draft.id}`)).statusCode).toBe(204);
    expect((await admin('GET', `/${draft.id}`)).statusCode).toBe(404);

    const { id } = await activeCard(t, maker, checker, { scope: 'company', companyId: seller.companyId, courier: 'smartship', service: 'surface', terms: handTerms() });
    const inUse = await admin('DELETE', `/${id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'rate_card.in_use', detail: expect.stringMatching(/active version that prices smartship surface quotes/) });
    expect(await quoteScope('smartship')).toBe('company');
    expect((await admin('POST', `/${id}/retire`)).statusCode).toBe(200);
    expect(await quoteScope('smartship')).toBe('base');
    const history = await admin('DELETE', `/${id}`);
    expect(history.statusCode).toBe(409);
    expect(history.json().detail).toMatch(/approved history/);
    expect((await admin('GET', `/${id}`)).json().versions[0]).toMatchObject({ status: 'retired' });
    expect((await admin('GET', `?companyId=${seller.companyId}&courier=smartship`)).json().items).toHaveLength(0);
    expect((await admin('GET', `?companyId=${seller.companyId}&courier=smartship&includeRetired=true`)).json().items).toHaveLength(1);

    const base = (await admin('GET', '?scope=base&courier=smartship&service=surface')).json().items[0];
    const retireBase = await admin('POST', `/${base.id}/retire`);
    expect(retireBase.statusCode).toBe(409);
    expect(retireBase.json()).toMatchObject({ code: 'rate_card.in_use', detail: expect.stringMatching(/active base card for smartship\/surface: every company without an override/) });
    expect((await admin('DELETE', `/${base.id}`)).statusCode).toBe(409);
  });

  it('validates cards (422 naming fields), 404s unknown ids, and is for platform admins only', async () => {
    const bad = await admin('POST', '', maker, {
      scope: 'company',
      courier: 'delhivery',
      service: 'teleport',
      terms: { ...handTerms(), zones: { ...handTerms().zones, C: { firstSlabPaise: -5, additionalSlabPaise: 100 } }, fuelSurcharges: [{ from: '2026-01-01', to: '2025-01-01', percentBp: 100 }] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['terms.zones.C.firstSlabPaise']));
    const semantic = await admin('POST', '', maker, { scope: 'company', courier: 'delhivery', service: 'teleport', terms: { ...handTerms(), fuelSurcharges: [{ from: '2026-01-01', to: '2025-01-01', percentBp: 100 }] } });
    expect(semantic.statusCode).toBe(422);
    expect(semantic.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['companyId', 'service', 'terms.fuelSurcharges[0].to']));
    expect((await admin('GET', '/not-a-uuid')).statusCode).toBe(404);
    expect((await admin('GET', '/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await admin('POST', '/01900000-0000-7000-8000-000000000000/versions/x/submit')).statusCode).toBe(404);
    expect((await admin('GET', '', seller.token)).statusCode).toBe(403);
    expect((await admin('POST', '', seller.token, { scope: 'base', courier: 'delhivery', service: 'surface', terms: handTerms() })).statusCode).toBe(403);
    expect((await t.http({ method: 'PUT', url: `/v1/admin/companies/${seller.companyId}/pricing-tier`, token: seller.token, payload: { tier: 'vip' } })).statusCode).toBe(403);
    expect((await t.http({ method: 'GET', url: '/v1/admin/rate-cards' })).statusCode).toBe(401);
    expect((await t.http({ method: 'GET', url: '/v1/rate-cards' })).statusCode).toBe(401);
  });

  it('pages the admin list by cursor in scope, courier and service order, with filters; a foreign cursor is a 422', async () => {
    const all = (await admin('GET', '?scope=base&limit=100')).json();
    expect(all.items).toHaveLength(20);
    expect(all.nextCursor).toBeNull();
    const seen: { courier: string; service: string; id: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { courier: string; service: string; id: string }[]; nextCursor: string | null } = (await admin('GET', `?scope=base&limit=6${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(6);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen.map((c) => c.id)).toEqual(all.items.map((c: { id: string }) => c.id));
    const keys = seen.map((c) => `${c.courier}/${c.service}`);
    expect(keys).toEqual([...keys].sort());
    expect((await admin('GET', '?scope=base')).json().items).toHaveLength(20); // default page of 20
    expect((await admin('GET', '?scope=base&courier=delhivery')).json().items.every((c: { courier: string }) => c.courier === 'delhivery')).toBe(true);

    const foreign = Buffer.from(JSON.stringify({ scope: 'base', courier: 1 })).toString('base64url');
    for (const bad of [foreign, 'not-a-cursor']) {
      const res = await admin('GET', `?cursor=${bad}`);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('pagination.invalid_cursor');
    }
    expect((await admin('GET', '?limit=101')).statusCode).toBe(422);
  });

  it('keeps company overrides private to their company (row-level security)', async () => {
    const other = await seedCompany(t, 'Nosy Co');
    const visible = await t.get(UnitOfWork).run({ companyId: other.companyId }, (tx) => tx.execute(sql`select count(*)::int as n from pricing.rate_cards where company_id is not null`));
    expect((visible as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0);
    const mine = await t.get(UnitOfWork).run({ companyId: seller.companyId }, (tx) => tx.execute(sql`select count(*)::int as n from pricing.rate_cards where company_id is not null`));
    expect((mine as unknown as { rows: { n: number }[] }).rows[0].n).toBeGreaterThan(0);
    // tenants cannot write cards at all, not even delete platform ones
    await t.get(UnitOfWork).run({ companyId: other.companyId }, (tx) => tx.execute(sql`delete from pricing.rate_cards where company_id is null`));
    const [{ n }] = await sqlRows<{ n: number }>(t, sql`select count(*)::int as n from pricing.rate_cards where scope = 'base'`);
    expect(n).toBe(20);
  });

  it('seeds the sandbox platform cards only once (a restart changes nothing)', async () => {
    await t.get(PricingModule).onApplicationBootstrap();
    const rows = await sqlRows<{ scope: string; n: number }>(t, sql`select scope, count(*)::int as n from pricing.rate_cards where company_id is null and created_by is null group by scope order by scope`);
    expect(rows).toEqual([
      { scope: 'b2b', n: 3 },
      { scope: 'base', n: 20 },
    ]);
  });
});
