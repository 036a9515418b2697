import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { sql } from 'drizzle-orm';
import { DomainError, domainEvent, newId } from '@shipcrowd/kernel';
import {
  AccessTokenClaims,
  companyOf,
  CurrentPrincipal,
  Idempotent,
  IdempotencyStore,
  Principal,
  PublicRoute,
  queryRows,
  requestFingerprint,
  RequirePermissions,
  UnitOfWork,
} from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';

class CreateThingDto {
  @IsInt() amount!: number;
  @IsOptional() @IsString() note?: string;
}

const calls = { create: 0, slow: 0, flaky: 0, plain: 0, public: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@ApiTags('operations')
@Controller('v1/test-idempotency')
class ThingsController {
  constructor(private readonly uow: UnitOfWork) {}

  /** Writes an outbox row in its own unit of work: proves no transaction is held open around the handler. */
  @Post('things')
  @RequirePermissions('things.create')
  @Idempotent()
  async create(@Body() body: CreateThingDto, @CurrentPrincipal() principal: Principal) {
    calls.create += 1;
    const id = newId();
    const companyId = companyOf(principal);
    await this.uow.run({ companyId }, () => this.uow.publish([domainEvent('thing.created', id, companyId, { amount: body.amount })]));
    return { id, amount: body.amount, run: calls.create };
  }

  @Post('slow')
  @RequirePermissions('things.create')
  @Idempotent()
  async slow(@Body() body: CreateThingDto) {
    calls.slow += 1;
    await sleep(400);
    return { amount: body.amount, run: calls.slow };
  }

  @Post('flaky')
  @HttpCode(200)
  @RequirePermissions('things.create')
  @Idempotent()
  async flaky(@Body() body: CreateThingDto) {
    calls.flaky += 1;
    if (calls.flaky === 1) throw new DomainError('things.temporarily_refused', 'first attempt fails', 'conflict');
    return { amount: body.amount, run: calls.flaky };
  }

  @Post('plain')
  @RequirePermissions('things.create')
  plain(@Body() body: CreateThingDto) {
    calls.plain += 1;
    return { amount: body.amount, run: calls.plain };
  }

  @Post('public')
  @PublicRoute()
  @Idempotent({ required: true })
  publicCreate(@Body() body: CreateThingDto) {
    calls.public += 1;
    return { amount: body.amount, run: calls.public };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('Idempotency-Key', () => {
  let t: TestApp;
  let tokenA: string;
  let tokenB: string;
  const companyA = newId();
  const companyB = newId();

  beforeAll(async () => {
    t = await createTestApp({ imports: [ThingsModule] });
    const jwt = t.get(JwtService);
    const sign = (cid: string) =>
      jwt.sign({ sub: newId(), cid, sid: newId(), role: 'owner', perms: ['things.create'], pa: false, typ: 'access' } satisfies AccessTokenClaims);
    tokenA = sign(companyA);
    tokenB = sign(companyB);
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown, key?: string, token = tokenA) =>
    t.http({ method: 'POST', url: `/v1/test-idempotency/${url}`, payload: payload as object, token, headers: key === undefined ? {} : { 'idempotency-key': key } });

  const outboxCount = async (aggregateId: string) => {
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from platform.outbox where aggregate_id = ${aggregateId}`);
    return row.n;
  };

  it('replays the stored response for the same key and body without running the handler again', async () => {
    const key = `order-${newId()}`;
    const first = await post('things', { amount: 500, note: 'x' }, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const runs = calls.create;

    // Same body with keys in another order: the canonical fingerprint matches.
    const second = await post('things', { note: 'x', amount: 500 }, key);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(calls.create).toBe(runs);
    expect(await outboxCount(first.json().id)).toBe(1);
  });

  it('refuses the same key with a different body (422 idempotency.key_reused)', async () => {
    const key = newId();
    expect((await post('things', { amount: 1 }, key)).statusCode).toBe(201);
    const reused = await post('things', { amount: 2 }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.json()).toMatchObject({ code: 'idempotency.key_reused', status: 422 });
    // A different route is a different request too.
    expect((await post('slow', { amount: 1 }, key)).json().code).toBe('idempotency.key_reused');
  });

  it.each([
    ['too long', 'k'.repeat(256)],
    ['empty', ''],
    ['a control character', 'abc\u0001def'],
    ['non-ASCII', 'clé-ü'],
  ])('rejects a key that is %s (422 idempotency.invalid_key)', async (_what, key) => {
    const before = calls.create;
    const res = await post('things', { amount: 1 }, key);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'idempotency.invalid_key', errors: [{ field: 'Idempotency-Key' }] });
    expect(calls.create).toBe(before);
  });

  it('accepts a key of exactly 255 printable characters', async () => {
    const res = await post('things', { amount: 1 }, `${newId()} ~!`.padEnd(255, 'z'));
    expect(res.statusCode).toBe(201);
  });

  it('never runs two concurrent duplicates: the second gets 409 idempotency.in_progress', async () => {
    const key = newId();
    const before = calls.slow;
    const [a, b] = await Promise.all([post('slow', { amount: 7 }, key), post('slow', { amount: 7 }, key)]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([201, 409]);
    const conflict = a.statusCode === 409 ? a : b;
    expect(conflict.json()).toMatchObject({ code: 'idempotency.in_progress' });
    expect(conflict.headers['retry-after']).toBe('1');
    expect(calls.slow).toBe(before + 1);

    const later = await post('slow', { amount: 7 }, key);
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(calls.slow).toBe(before + 1);
  });

  it('forgets the key when the handler fails, so the client may retry', async () => {
    const key = newId();
    const failed = await post('flaky', { amount: 3 }, key);
    expect(failed.statusCode).toBe(409);
    expect(failed.json().code).toBe('things.temporarily_refused');

    const retried = await post('flaky', { amount: 3 }, key);
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.json()).toEqual({ amount: 3, run: 2 });

    const replayed = await post('flaky', { amount: 3 }, key);
    expect(replayed.statusCode).toBe(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(calls.flaky).toBe(2);
  });

  it('releases the key when validation fails, so a corrected body may use it', async () => {
    const key = newId();
    const bad = await post('things', { amount: 'ten' }, key);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('validation.failed');
    expect((await post('things', { amount: 10 }, key)).statusCode).toBe(201);
  });

  it('treats an expired key (older than 24 h) as new', async () => {
    const key = newId();
    const first = await post('things', { amount: 9 }, key);
    await t.database.ownerExec(`update platform.idempotency_keys set expires_at = now() - interval '1 second' where key = '${key}'`);
    const again = await post('things', { amount: 9 }, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.json().id).not.toBe(first.json().id);
    // The new response is what later retries get.
    const replay = await post('things', { amount: 9 }, key);
    expect(replay.json().id).toBe(again.json().id);
  });

  it('stores keys for 24 hours and purges expired ones', async () => {
    const key = newId();
    await post('things', { amount: 4 }, key);
    const [row] = await queryRows<{ hours: number; state: string; response_status: number }>(
      t.database.db,
      sql`select round(extract(epoch from expires_at - created_at) / 3600)::int as hours, state, response_status from platform.idempotency_keys where key = ${key}`,
    );
    expect(row).toEqual({ hours: 24, state: 'completed', response_status: 201 });

    await t.database.ownerExec(`update platform.idempotency_keys set expires_at = now() - interval '1 second' where key = '${key}'`);
    const store = new IdempotencyStore(t.database);
    expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await queryRows(t.database.db, sql`select 1 from platform.idempotency_keys where key = ${key}`)).toHaveLength(0);
  });

  it('lets a retry take over a key abandoned in progress by a crashed process', async () => {
    const key = newId();
    const url = '/v1/test-idempotency/things';
    const hash = requestFingerprint('POST', url, { amount: 6 });
    await t.database.ownerExec(
      `insert into platform.idempotency_keys (scope, key, method, path, request_hash, state, created_at, expires_at)
       values ('company:${companyA}', '${key}', 'POST', '${url}', '${hash}', 'in_progress', now() - interval '10 minutes', now() + interval '1 day')`,
    );
    const res = await post('things', { amount: 6 }, key);
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('scopes keys to the company: another company may use the same key', async () => {
    const key = newId();
    const a = await post('things', { amount: 5 }, key, tokenA);
    const b = await post('things', { amount: 5 }, key, tokenB);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().id).not.toBe(a.json().id);
  });

  it('scopes public routes by client address and can require the key', async () => {
    const missing = await t.http({ method: 'POST', url: '/v1/test-idempotency/public', payload: { amount: 1 } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('idempotency.key_required');

    const key = newId();
    const send = () => t.http({ method: 'POST', url: '/v1/test-idempotency/public', payload: { amount: 1 }, headers: { 'idempotency-key': key } });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const [row] = await queryRows<{ scope: string }>(t.database.db, sql`select scope from platform.idempotency_keys where key = ${key}`);
    expect(row.scope).toBe('ip:127.0.0.1');
  });

  it('ignores the header on routes without @Idempotent()', async () => {
    const before = calls.plain;
    const key = newId();
    const first = await post('plain', { amount: 1 }, key);
    const second = await post('plain', { amount: 1 }, key);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(calls.plain).toBe(before + 2);
    expect((await post('plain', { amount: 1 }, 'x'.repeat(300))).statusCode).toBe(201);
  });

  it('documents the Idempotency-Key header and the 409 in OpenAPI', async () => {
    const doc = (await t.http({ method: 'GET', url: '/docs/openapi.json' })).json();
    const op = doc.paths['/v1/test-idempotency/things'].post;
    const header = op.parameters.find((p: { name: string }) => p.name === 'Idempotency-Key');
    expect(header).toMatchObject({ in: 'header', required: false, schema: { maxLength: 255 } });
    expect(op.responses['409']).toBeDefined();
    const plain = doc.paths['/v1/test-idempotency/plain'].post;
    expect((plain.parameters ?? []).some((p: { name: string }) => p.name === 'Idempotency-Key')).toBe(false);
  });
});
