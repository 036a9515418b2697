import type { OpenAPIObject } from '@nestjs/swagger';
import { API_TAGS, buildOpenApiDocument } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { startIdentityApp } from './identity-test-kit';

type Operation = { summary?: string; tags?: string[]; operationId?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> };
type Schema = { properties?: Record<string, Record<string, unknown>>; allOf?: { $ref?: string }[] };

/** Every property of a documented response schema (following $ref and allOf) carries an example or is itself a documented object. */
function propertiesWithoutExample(doc: OpenAPIObject, ref: string, seen = new Set<string>()): string[] {
  const name = ref.replace('#/components/schemas/', '');
  if (seen.has(name)) return [];
  seen.add(name);
  const schema = doc.components!.schemas![name] as Schema;
  const missing: string[] = [];
  for (const part of schema.allOf ?? []) if (part.$ref) missing.push(...propertiesWithoutExample(doc, part.$ref, seen));
  for (const [prop, def] of Object.entries(schema.properties ?? {})) {
    const nested = (def.$ref as string | undefined) ?? ((def.items as { $ref?: string } | undefined)?.$ref) ?? ((def.allOf as { $ref?: string }[] | undefined)?.[0]?.$ref);
    if (nested) missing.push(...propertiesWithoutExample(doc, nested, seen));
    else if (def.example === undefined) missing.push(`${name}.${prop}`);
  }
  return missing;
}

describe('identity: OpenAPI documentation', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  beforeAll(async () => {
    t = await startIdentityApp({ GOOGLE_CLIENT_ID: 'x', GOOGLE_CLIENT_SECRET: 'y', GOOGLE_CALLBACK_URL: 'http://localhost/v1/auth/google/callback' });
    doc = buildOpenApiDocument(t.app);
  });
  afterAll(() => t.close());

  function identityOperations(): [string, Operation][] {
    return Object.entries(doc.paths)
      .filter(([path]) => /^\/v1\/(auth|me)(\/|$)/.test(path))
      .flatMap(([path, item]) => (['get', 'post', 'put', 'patch', 'delete'] as const).filter((m) => (item as Record<string, unknown>)[m]).map((m) => [`${m.toUpperCase()} ${path}`, (item as Record<string, Operation>)[m]] as [string, Operation]));
  }

  it('gives every identity route a summary, a known tag and a success response with an example schema', () => {
    const ops = identityOperations();
    expect(ops.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const [route, op] of ops) {
      if (!op.summary) problems.push(`${route}: no summary`);
      if (!op.tags?.length || op.tags.some((tag) => !(tag in API_TAGS))) problems.push(`${route}: tags ${op.tags}`);
      const success = Object.keys(op.responses).filter((s) => /^(2\d\d|302)$/.test(s));
      if (success.length !== 1) problems.push(`${route}: success responses ${success}`);
      for (const status of success.filter((s) => s !== '204' && s !== '302')) {
        const ref = op.responses[status].content?.['application/json']?.schema?.$ref as string | undefined;
        if (!ref) problems.push(`${route}: ${status} without a schema`);
        else problems.push(...propertiesWithoutExample(doc, ref).map((p) => `${route}: ${p} without example`));
      }
      // Every route answers problems: at least 429, plus 401 unless it is public.
      if (!op.responses['429']) problems.push(`${route}: no 429`);
      if (op.security?.length !== 0 && !op.responses['401']) problems.push(`${route}: authenticated without 401`);
    }
    expect(problems).toEqual([]);
  });

  it.each([
    ['get', '/v1/auth/google', ['302', '404', '503']],
    ['get', '/v1/auth/google/callback', ['200', '401', '403', '404', '409', '503']],
    ['post', '/v1/auth/login', ['200', '401', '403', '422', '429', '503']],
    ['post', '/v1/auth/login/sms-code', ['202', '401', '409', '429', '503']],
    ['post', '/v1/auth/register', ['201', '409', '422', '503']],
    ['post', '/v1/auth/refresh', ['200', '401']],
  ])('documents the problems of %s %s', (method, path, statuses) => {
    const op = (doc.paths[path] as Record<string, Operation>)[method];
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(statuses));
    expect(op.security).toEqual([]);
  });
});
