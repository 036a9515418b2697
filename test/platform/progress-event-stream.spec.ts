import Fastify, { FastifyInstance } from 'fastify';
import { ProgressSnapshot, streamProgressEvents } from '@shipcrowd/platform';

/** The SSE helper behind GET /v1/order-imports/{id}/events and /v1/shipment-batches/{id}/events, on a real Fastify. */
describe('progress event streams', () => {
  let app: FastifyInstance;
  let snapshots: ProgressSnapshot[];
  let expiresInMs: number | null;

  beforeAll(async () => {
    app = Fastify();
    app.get('/events', async (request, reply) => {
      let at = 0;
      await streamProgressEvents(request, reply, {
        read: async () => snapshots[Math.min(at++, snapshots.length - 1)],
        failureMessage: 'poll instead',
        onError: () => undefined,
        pollMs: 20,
        expiresAt: expiresInMs === null ? null : new Date(Date.now() + expiresInMs),
      });
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const eventsOf = (body: string) =>
    body
      .split('\n\n')
      .filter(Boolean)
      .map((block) => ({ event: /event: (\w+)/.exec(block)?.[1], data: JSON.parse(/data: (.*)/.exec(block)![1]) }));

  it('sends progress when the data changes, then done, then closes', async () => {
    snapshots = [
      { version: 1, data: { processed: 0 }, done: false },
      { version: 1, data: { processed: 0 }, done: false },
      { version: 2, data: { processed: 5 }, done: false },
      { version: 3, data: { processed: 9 }, done: true },
    ];
    expiresInMs = 60_000;
    const res = await app.inject({ method: 'GET', url: '/events' });
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(eventsOf(res.body)).toEqual([
      { event: 'progress', data: { processed: 0 } },
      { event: 'progress', data: { processed: 5 } },
      { event: 'progress', data: { processed: 9 } },
      { event: 'done', data: { processed: 9 } },
    ]);
  });

  it('ends with auth_expired when the access token expires before the job is done', async () => {
    snapshots = [{ version: 1, data: { processed: 1 }, done: false }];
    expiresInMs = 300;
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url: '/events' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(eventsOf(res.body)).toEqual([
      { event: 'progress', data: { processed: 1 } },
      { event: 'auth_expired', data: { code: 'auth.token_expired', message: 'The access token has expired; reconnect with a fresh one.' } },
    ]);
  });

  it('does not expire a stream opened with an API key (no expiry)', async () => {
    snapshots = [
      { version: 1, data: { processed: 1 }, done: false },
      ...Array.from({ length: 15 }, () => ({ version: 1, data: { processed: 1 }, done: false })),
      { version: 2, data: { processed: 2 }, done: true },
    ];
    expiresInMs = null;
    const res = await app.inject({ method: 'GET', url: '/events' });
    expect(eventsOf(res.body).map((e) => e.event)).toEqual(['progress', 'progress', 'done']);
  });
});
