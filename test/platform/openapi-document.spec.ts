import { API_TAGS, buildOpenApiDocument } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { ApiModule } from '../../apps/api/api.module';

type Operation = {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

/** Every route of the real API is documented the same way, so Swagger UI is usable and clients can be generated. */
describe('the OpenAPI document of the whole API', () => {
  let t: TestApp;
  let operations: [string, Operation][];
  beforeAll(async () => {
    t = await createTestApp({ imports: [ApiModule] });
    const document = buildOpenApiDocument(t.app);
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const).filter((m) => item[m]).map((m) => [`${m.toUpperCase()} ${path}`, item[m] as unknown as Operation] as [string, Operation]),
    );
  });
  afterAll(() => t.close());

  it('is served at /docs/openapi.json and lists the API', async () => {
    const res = await t.http({ method: 'GET', url: '/docs/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/v1/auth/register', '/v1/me', '/v1/companies/current', '/v1/team/members', '/v1/audit-log']));
    expect(operations.length).toBeGreaterThan(50);
  });

  it('gives every operation a unique operationId, a known tag and a summary', () => {
    const ids = operations.map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [name, op] of operations) {
      expect({ name, operationId: op.operationId }).toEqual({ name, operationId: expect.stringMatching(/^\w+_\w+$/) });
      expect({ name, tags: op.tags?.every((tag) => tag in API_TAGS) && op.tags.length > 0 }).toEqual({ name, tags: true });
      expect({ name, summary: typeof op.summary === 'string' && op.summary.length > 3 }).toEqual({ name, summary: true });
    }
  });

  it('states every operation\'s security: public routes say so, others name bearer or API key', () => {
    for (const [name, op] of operations) {
      const ok = Array.isArray(op.security) && (op.security.length === 0 || op.security.some((s) => 'bearer' in (s as object) || 'apiKey' in (s as object)));
      expect({ name, ok }).toEqual({ name, ok: true });
      if (op.security!.length > 0) expect({ name, has401: '401' in op.responses }).toEqual({ name, has401: true });
    }
  });

  it('documents a success response and problem+json errors for every operation', () => {
    for (const [name, op] of operations) {
      const statuses = Object.keys(op.responses);
      expect({ name, success: statuses.some((s) => /^[23]\d\d$/.test(s)) }).toEqual({ name, success: true });
      expect({ name, rateLimited: '429' in op.responses }).toEqual({ name, rateLimited: true });
      for (const status of statuses.filter((s) => /^[45]\d\d$/.test(s) && s !== '503')) {
        expect({ name, status, problem: Object.keys(op.responses[status].content ?? {}) }).toEqual({ name, status, problem: ['application/problem+json'] });
      }
    }
  });
});
