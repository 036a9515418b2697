import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { HealthModule, PublicRoute } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';

class AddressDto {
  @IsString() city!: string;
}
class EchoDto {
  @IsEmail() email!: string;
  @IsInt() @Min(1) count!: number;
  @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
}

@ApiTags('operations')
@Controller('v1/test-echo')
@PublicRoute()
class EchoController {
  @Post()
  echo(@Body() body: EchoDto) {
    return body;
  }
  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail');
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('HTTP conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [HealthModule, EchoModule], env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  const valid = { email: 'a@b.in', count: 2, address: { city: 'Pune' } };

  it('echoes a caller-supplied X-Request-Id and generates one otherwise', async () => {
    const given = await t.http({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await t.http({ method: 'GET', url: '/health/live' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await t.http({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'bad id\nx' } });
    expect(hostile.headers['x-request-id']).not.toContain('bad');
  });

  it('accepts a valid body', async () => {
    const res = await t.http({ method: 'POST', url: '/v1/test-echo', payload: valid });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual(valid);
  });

  it('rejects malformed JSON with a 400 problem', async () => {
    const res = await t.http({ method: 'POST', url: '/v1/test-echo', payload: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'request.malformed_json', requestId: res.headers['x-request-id'] });
  });

  it('names every invalid, unknown and nested field', async () => {
    const res = await t.http({ method: 'POST', url: '/v1/test-echo', payload: { email: 'nope', count: '3', address: { city: 5 }, admin: true } });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('validation.failed');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['address.city', 'admin', 'count', 'email']));
    expect(body.errors.find((e: { field: string }) => e.field === 'admin').code).toBe('unknown_field');
  });

  it('refuses an oversize body with 413', async () => {
    const res = await t.http({ method: 'POST', url: '/v1/test-echo', payload: { ...valid, pad: 'x'.repeat(5000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('request.body_too_large');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await t.http({ method: 'GET', url: '/v1/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'route.not_found', type: 'https://shipcrowd.dev/problems/route.not_found' });
  });

  it('hides internals of unexpected errors', async () => {
    const res = await t.http({ method: 'GET', url: '/v1/test-echo/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(res.json().code).toBe('internal');
  });

  it('sets security headers', async () => {
    const res = await t.http({ method: 'GET', url: '/health/live' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('sets the same helmet headers on every response: success, problem, unknown route and the docs', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: https:;" +
        "object-src 'none';script-src 'self' 'unsafe-inline';script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    const responses = [
      await t.http({ method: 'GET', url: '/health/live' }),
      await t.http({ method: 'GET', url: '/v1/test-echo/boom' }),
      await t.http({ method: 'POST', url: '/v1/test-echo', payload: { email: 'nope' } }),
      await t.http({ method: 'GET', url: '/v1/no-such-route' }),
      await t.http({ method: 'GET', url: '/docs' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 500, 422, 404, 200]);
    for (const res of responses) {
      expect(res.headers).toMatchObject(expected);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toBeDefined();
    }
  });

  it('serves Swagger UI whose scripts and styles the CSP allows (same origin, inline bootstrap)', async () => {
    const page = await t.http({ method: 'GET', url: '/docs' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const sources = [...page.body.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      // 'self' only: every script and stylesheet is a relative URL on this server, and it is served.
      expect(source).not.toMatch(/^(https?:)?\/\//);
      const asset = await t.http({ method: 'GET', url: new URL(source, 'http://x/docs').pathname });
      expect(asset.statusCode).toBe(200);
    }
  });

  it('reports readiness of the database and Redis', async () => {
    const res = await t.http({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json().info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });
});
