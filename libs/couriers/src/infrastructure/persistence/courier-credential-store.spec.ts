import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { FixedClock } from '@shipcrowd/kernel';
import { DatabaseHandle, queryRows, SecretBox, UnitOfWork } from '@shipcrowd/platform';
import { createTestDatabase } from '@shipcrowd/platform/testing';
import { CourierCredentialStore } from './courier-credential-store';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('CourierCredentialStore: sealing and key rotation', () => {
  let database: DatabaseHandle;
  let uow: UnitOfWork;
  const clock = new FixedClock(new Date('2026-11-21T10:00:00Z'));
  const k1 = key('k1');
  const k2 = key('k2');
  const companyA = randomUUID();
  const companyB = randomUUID();
  const storeWith = (...keys: { id: string; key: Buffer }[]) => new CourierCredentialStore(uow, new SecretBox(keys), clock);
  const keyIds = () => uow.run({ system: true }, (tx) => queryRows<{ key_id: string }>(tx, sql`select key_id from couriers.courier_credentials order by id`));

  beforeAll(async () => {
    database = await createTestDatabase();
    uow = new UnitOfWork(database);
    const before = storeWith(k1);
    await uow.run({ companyId: companyA }, () => before.save(companyA, 'delhivery', { token: 'token-of-a' }, null));
    await uow.run({ companyId: companyB }, () => before.save(companyB, 'delhivery', { token: 'token-of-b' }, null));
    await uow.run({ system: true }, () => before.save(null, 'delhivery', { token: 'platform-token', webhookSecret: 'platform-secret' }, null));
  });
  afterAll(() => database.close());

  it('opens only for the owner and courier it was sealed for', async () => {
    const store = storeWith(k1);
    expect(await uow.run({ companyId: companyA }, () => store.usableBy(companyA, 'delhivery'))).toMatchObject({
      company: { credentials: { token: 'token-of-a' }, keyId: 'k1' },
      platform: { credentials: { token: 'platform-token', webhookSecret: 'platform-secret' } },
    });
    // A's ciphertext copied onto B's row does not open as B's.
    await uow.run({ system: true }, (tx) =>
      tx.execute(sql`update couriers.courier_credentials set sealed = (select sealed from couriers.courier_credentials where company_id = ${companyA}) where company_id = ${companyB}`),
    );
    await expect(uow.run({ companyId: companyB }, () => store.find(companyB, 'delhivery'))).rejects.toThrow();
    await uow.run({ companyId: companyB }, async (tx) => {
      await tx.execute(sql`delete from couriers.courier_credentials where company_id = ${companyB}`);
      await store.save(companyB, 'delhivery', { token: 'token-of-b' }, null);
    });
  });

  it('re-seals rows under the new first key; the old key can then be dropped', async () => {
    const rotated = storeWith(k2, k1);
    expect(await rotated.resealAll()).toEqual({ resealed: 3, unreadable: 0 });
    expect((await keyIds()).map((r) => r.key_id)).toEqual(['k2', 'k2', 'k2']);
    expect(await rotated.resealAll()).toEqual({ resealed: 0, unreadable: 0 });

    const onlyNew = storeWith(k2);
    expect(await uow.run({ companyId: companyB }, () => onlyNew.find(companyB, 'delhivery'))).toMatchObject({ credentials: { token: 'token-of-b' }, keyId: 'k2' });
    expect(await uow.run({ system: true }, () => onlyNew.platformAccounts())).toEqual(new Map([['delhivery', { token: 'platform-token', webhookSecret: 'platform-secret' }]]));
    await expect(uow.run({ companyId: companyA }, () => storeWith(k1).find(companyA, 'delhivery'))).rejects.toThrow(/key "k2" is not configured/);
  });

  it('counts rows whose key is gone instead of failing the whole run', async () => {
    const k3 = key('k3');
    await uow.run({ system: true }, () => storeWith(k3).save(randomUUID(), 'xpressbees', { token: 'lost' }, null));
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    expect(await storeWith(k2).resealAll()).toEqual({ resealed: 0, unreadable: 1 });
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ courier: 'xpressbees', keyId: 'k3' }), expect.stringContaining('cannot re-seal'));
    logged.mockRestore();
    expect(await storeWith(key('k4'), k2, k3).resealAll()).toEqual({ resealed: 4, unreadable: 0 });
    expect(new Set((await keyIds()).map((r) => r.key_id))).toEqual(new Set(['k4']));
  });

  it("finds a company's account by its id, and nothing for the platform's row, an unknown id or a row that no longer opens", async () => {
    const k6 = key('k6');
    const store = storeWith(k6);
    const companyC = randomUUID();
    await uow.run({ companyId: companyC }, () => store.save(companyC, 'shiprocket', { email: 'c@example.in', webhookSecret: 'secret-of-c' }, null));
    const ids = await uow.run({ system: true }, (tx) => queryRows<{ id: string; company_id: string | null }>(tx, sql`select id, company_id from couriers.courier_credentials`));
    const ofC = ids.find((r) => r.company_id === companyC)!;
    expect(await uow.run({ system: true }, () => store.findAccount(ofC.id))).toMatchObject({ id: ofC.id, companyId: companyC, courier: 'shiprocket', credentials: { webhookSecret: 'secret-of-c' } });
    const platformRow = ids.find((r) => r.company_id === null)!;
    expect(await uow.run({ system: true }, () => store.findAccount(platformRow.id))).toBeNull();
    expect(await uow.run({ system: true }, () => store.findAccount(randomUUID()))).toBeNull();

    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    expect(await uow.run({ system: true }, () => storeWith(key('k7')).findAccount(ofC.id))).toBeNull();
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ companyId: companyC, keyId: 'k6' }), expect.stringContaining('do not open'));
    logged.mockRestore();
  });
});
