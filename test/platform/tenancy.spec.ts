import { sql } from 'drizzle-orm';
import { newId } from '@shipcrowd/kernel';
import { APP_ROLE, queryRows, TENANT_PREDICATE, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { PgDialect } from 'drizzle-orm/pg-core';

/**
 * Row-level security, proven on a throw-away tenant table created with the same policy SQL every
 * tenant table gets (tenantIsolationPolicy / TENANT_PREDICATE).
 */
describe('Tenancy (row-level security)', () => {
  let t: TestApp;
  let uow: UnitOfWork;
  const companyA = newId();
  const companyB = newId();

  beforeAll(async () => {
    t = await createTestApp({ imports: [] });
    uow = t.get(UnitOfWork);
    const predicate = new PgDialect().sqlToQuery(TENANT_PREDICATE).sql;
    await t.database.ownerExec(`
      create table platform.tenancy_probe (id uuid primary key, company_id uuid not null, label text not null);
      alter table platform.tenancy_probe enable row level security;
      create policy tenant_isolation on platform.tenancy_probe as permissive for all to public using ${predicate} with check ${predicate};
      grant select, insert, update, delete on platform.tenancy_probe to ${APP_ROLE}`);
    await uow.run({ system: true }, async (tx) => {
      await tx.execute(sql`insert into platform.tenancy_probe (id, company_id, label) values
        (${newId()}, ${companyA}, 'a1'), (${newId()}, ${companyA}, 'a2'), (${newId()}, ${companyB}, 'b1')`);
    });
  });
  afterAll(() => t.close());

  /** Drizzle wraps the driver's error; the database's own message is the cause. */
  const rlsViolation = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (e: { cause?: { message?: string } }) => e,
    );
    expect(error?.cause?.message).toMatch(/violates row-level security policy/);
  };

  const labels = (rows: { label: string }[]) => rows.map((r) => r.label).sort();

  it('shows a company only its own rows, with no where clause at all', async () => {
    const a = await uow.run({ companyId: companyA }, (tx) => queryRows<{ label: string }>(tx, sql`select label from platform.tenancy_probe`));
    expect(labels(a)).toEqual(['a1', 'a2']);
    const b = await uow.run({ companyId: companyB }, (tx) => queryRows<{ label: string }>(tx, sql`select label from platform.tenancy_probe`));
    expect(labels(b)).toEqual(['b1']);
  });

  it("refuses to write a row for another company from a company's scope (WITH CHECK)", async () => {
    await rlsViolation(
      uow.run({ companyId: companyA }, (tx) => tx.execute(sql`insert into platform.tenancy_probe (id, company_id, label) values (${newId()}, ${companyB}, 'sneaky')`)),
    );
    // Nor move its own row to another company, nor touch the other company's rows.
    await rlsViolation(
      uow.run({ companyId: companyA }, (tx) => tx.execute(sql`update platform.tenancy_probe set company_id = ${companyB} where label = 'a1'`)),
    );
    const touched = await uow.run({ companyId: companyA }, (tx) =>
      queryRows<{ id: string }>(tx, sql`update platform.tenancy_probe set label = 'hijacked' where label = 'b1' returning id`),
    );
    expect(touched).toHaveLength(0);
    const own = await uow.run({ companyId: companyA }, (tx) =>
      queryRows<{ id: string }>(tx, sql`insert into platform.tenancy_probe (id, company_id, label) values (${newId()}, ${companyA}, 'a3') returning id`),
    );
    expect(own).toHaveLength(1);
  });

  it('shows nothing without a scope, and everything only to explicit system work', async () => {
    const none = await uow.run({}, (tx) => queryRows<{ label: string }>(tx, sql`select label from platform.tenancy_probe`));
    expect(none).toEqual([]);
    const bare = await queryRows<{ label: string }>(t.database.db, sql`select label from platform.tenancy_probe`);
    expect(bare).toEqual([]);
    const system = await uow.run({ system: true }, (tx) => queryRows<{ label: string }>(tx, sql`select label from platform.tenancy_probe`));
    expect(labels(system)).toEqual(['a1', 'a2', 'a3', 'b1']);
  });

  it('runs the application as a role that owns no table and bypasses no policy', async () => {
    const [who] = await uow.run({ companyId: companyA }, (tx) =>
      queryRows<{ current_user: string; owner: string; superuser: boolean; bypass: boolean }>(
        tx,
        sql`select current_user as current_user,
                   (select tableowner from pg_tables where schemaname = 'platform' and tablename = 'tenancy_probe') as owner,
                   (select rolsuper from pg_roles where rolname = current_user) as superuser,
                   (select rolbypassrls from pg_roles where rolname = current_user) as bypass`,
      ),
    );
    expect(who.current_user).toBe(APP_ROLE);
    expect(who.owner).not.toBe(APP_ROLE);
    expect(who.superuser).toBe(false);
    expect(who.bypass).toBe(false);
    const owned = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from pg_tables where tableowner = current_user`);
    expect(owned[0].n).toBe(0);
  });
});
