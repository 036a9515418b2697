import type { TestApp } from '@shipcrowd/platform/testing';
import { ordersTestApp } from './support';

describe('orders OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await ordersTestApp();
  });
  afterAll(() => t.close());

  it('documents every orders and routing-rules route with its tag, summary, permission, 401/429 and a typed success response', async () => {
    const doc = (await t.http({ method: 'GET', url: '/docs/openapi.json' })).json();
    const ops: [string, Record<string, any>][] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      if (!/^\/v1\/(orders|routing-rules)/.test(path)) continue;
      for (const [method, op] of Object.entries(item)) ops.push([`${method.toUpperCase()} ${path}`, op]);
    }
    expect(ops.map(([w]) => w).sort()).toEqual(
      [
        'GET /v1/orders', 'POST /v1/orders', 'GET /v1/orders/export', 'GET /v1/orders/settings', 'PUT /v1/orders/settings', 'GET /v1/orders/{id}', 'PATCH /v1/orders/{id}', 'POST /v1/orders/{id}/cancel',
        'GET /v1/routing-rules', 'POST /v1/routing-rules', 'POST /v1/routing-rules/reorder', 'POST /v1/routing-rules/test', 'PUT /v1/routing-rules/{id}', 'DELETE /v1/routing-rules/{id}',
      ].sort(),
    );
    for (const [where, op] of ops) {
      expect([where, op.tags]).toEqual([where, [where.includes('routing-rules') ? 'routing-rules' : 'orders']]);
      expect([where, typeof op.summary]).toEqual([where, 'string']);
      expect([where, !!op.responses['401'] && !!op.responses['429']]).toEqual([where, true]);
      const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      expect([where, success.length]).toEqual([where, 1]);
      if (success[0] !== '204') expect([where, op.responses[success[0]].content]).toEqual([where, expect.anything()]);
      expect([where, op['x-permissions']?.length]).toEqual([where, 1]);
    }
    expect(doc.paths['/v1/orders'].post.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(doc.paths['/v1/orders'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/OrderDraftDto');
    expect(doc.paths['/v1/routing-rules'].post['x-permissions']).toEqual(['orders.routing.manage']);
    expect(doc.components.schemas.OrderDto.properties.routing).toBeDefined();
  });
});
