import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { CourierProviders, CourierSandboxHost } from '@shipcrowd/couriers';
import { buildOpenApiDocument } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import type { DelhiverySimulator } from '@shipcrowd/simulators';
import { CourierCredentialStore } from '../../libs/couriers/src/infrastructure/persistence/courier-credential-store';
import { TRACKING_INGEST_QUEUE } from '../../libs/shipping/src/application/tracking-ingest/tracking-ingest.queue';
import type { Seller } from '../orders/support';
import { eventually, placeOrder, seedShipper, shippingTestApp } from './support';

const SECRET = 'kavya-delhivery-webhook-secret-01';
const ROTATED = 'kavya-delhivery-webhook-secret-02';

/**
 * A seller connects its own Delhivery account and pastes the account's webhook address into Delhivery's panel: the
 * simulator pushes scans over HTTP to the listening API, signed with the secret it was given.
 */
describe('courier webhooks for a seller’s own courier account', () => {
  let t: TestApp;
  let baseUrl: string;
  let kavya: Seller;
  let rival: Seller;
  let delhivery: DelhiverySimulator;
  let sandbox: { token: string; webhookSecret: string };
  let account: { id: string; path: string };
  let ingest: Queue;

  beforeAll(async () => {
    t = await shippingTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    kavya = await seedShipper(t, 'Kavya Crafts');
    rival = await seedShipper(t, 'Rival Retail');
    delhivery = t.get(CourierSandboxHost).simulatorOf<DelhiverySimulator>('delhivery')!;
    sandbox = t.get(CourierProviders).get('delhivery').sandboxCredentials as typeof sandbox;
    ingest = t.get<Queue>(getQueueToken(TRACKING_INGEST_QUEUE));
    // The simulator accepts one API token, so Kavya's "own" account uses it too; its webhook secret is her own.
    const connected = await connect(SECRET);
    account = { id: connected.accountId, path: connected.webhookPath };
  });
  afterAll(() => t.close());

  async function connect(webhookSecret: string) {
    const res = await t.http({ method: 'PUT', url: '/v1/courier-credentials/delhivery', token: kavya.token, payload: { credentials: { token: sandbox.token, webhookSecret } } });
    expect(res.statusCode).toBe(200);
    return res.json<{ accountId: string; webhookPath: string; webhookUrl: string }>();
  }
  const book = async (seller: Seller) => {
    const order = await placeOrder(t, seller);
    const res = await t.http({ method: 'POST', url: '/v1/shipments', token: seller.token, payload: { orderId: order.id, courier: 'delhivery' } });
    expect(res.statusCode).toBe(201);
    return res.json<{ shipmentId: string; awb: string }>();
  };
  const tracking = async (seller: Seller, shipmentId: string) =>
    (await t.http({ method: 'GET', url: `/v1/shipments/${shipmentId}/tracking`, token: seller.token })).json<{ status: string; timeline: { status: string; source: string }[] }>();
  /** Points Delhivery's pushes at a path of this API, signed with `secret`; answers the statuses of the pushes `advance` makes. */
  const pushes = async (path: string, secret: string, awb: string, steps: number) => {
    delhivery.configureWebhook(`${baseUrl}${path}`, secret);
    const before = delhivery.webhooks.deliveries.length;
    await delhivery.advance(awb, steps);
    return delhivery.webhooks.deliveries.slice(before).map((d) => d.status);
  };
  const post = (path: string, body: string, secret: string) =>
    t.http({ method: 'POST', url: path, headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, payload: body });
  const jobsQueued = async () => Object.values(await ingest.getJobCounts()).reduce((sum, n) => sum + n, 0);
  const settled = () => eventually(async () => {
    const counts = await ingest.getJobCounts();
    return counts.waiting + counts.active + counts.delayed === 0;
  });

  it("gives the seller the account's own webhook address with its credentials", async () => {
    const res = await t.http({ method: 'GET', url: '/v1/courier-credentials/delhivery', token: kavya.token });
    expect(res.json()).toMatchObject({ configured: true, accountId: account.id, webhookPath: `/v1/courier-webhooks/delhivery/accounts/${account.id}` });
    expect(res.json().webhookUrl).toMatch(new RegExp(`^https?://[^/]+/v1/courier-webhooks/delhivery/accounts/${account.id}$`));
    // Nobody else's view shows it.
    expect((await t.http({ method: 'GET', url: '/v1/courier-credentials/delhivery', token: rival.token })).json()).toMatchObject({ configured: false, accountId: null, webhookPath: null });
  });

  it("records scans signed with the account's secret on the company's shipment", async () => {
    const { shipmentId, awb } = await book(kavya);
    expect(await pushes(account.path, SECRET, awb, 2)).toEqual([202, 202]);
    const done = await eventually(async () => {
      const now = await tracking(kavya, shipmentId);
      return now.timeline.length === 2 ? now : undefined;
    });
    expect(done.status).toBe('picked_up');
    expect(done.timeline.map((e) => [e.status, e.source])).toEqual([['manifested', 'webhook'], ['picked_up', 'webhook']]);
  });

  it("never moves another company's shipment, though the platform's webhook would", async () => {
    const theirs = await book(rival);
    expect(await pushes(account.path, SECRET, theirs.awb, 2)).toEqual([202, 202]);
    await settled();
    expect(await tracking(rival, theirs.shipmentId)).toMatchObject({ status: 'booked', timeline: [] });

    // The same courier's next scan through the platform's address is recorded: only the account route held it back.
    expect(await pushes('/v1/courier-webhooks/delhivery', sandbox.webhookSecret, theirs.awb, 1)).toEqual([202]);
    const moved = await eventually(async () => {
      const now = await tracking(rival, theirs.shipmentId);
      return now.timeline.length === 1 ? now : undefined;
    });
    expect(moved.status).toBe('in_transit');
  });

  it('refuses a wrong secret, an unknown or malformed account and another courier’s address, queueing nothing', async () => {
    const { shipmentId, awb } = await book(kavya);
    await settled();
    const queued = await jobsQueued();
    expect(await pushes(account.path, 'not-the-secret', awb, 1)).toEqual([401]);
    expect(await pushes(account.path, sandbox.webhookSecret, awb, 1)).toEqual([401]); // the platform's secret is not the account's
    expect(await pushes(`/v1/courier-webhooks/delhivery/accounts/${randomUUID()}`, SECRET, awb, 1)).toEqual([401]);
    expect(await pushes('/v1/courier-webhooks/delhivery/accounts/not-an-id', SECRET, awb, 1)).toEqual([401]);
    expect(await pushes(`/v1/courier-webhooks/shiprocket/accounts/${account.id}`, SECRET, awb, 1)).toEqual([401]);
    const [last] = delhivery.webhooks.deliveries.slice(-1);
    expect((await post(`/v1/courier-webhooks/fedex/accounts/${account.id}`, last.body, SECRET)).json().code).toBe('courier.unknown');
    const refused = await post(account.path, last.body, 'not-the-secret');
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'courier.webhook_unauthenticated', courier: 'delhivery' });
    expect(await jobsQueued()).toBe(queued);
    expect(await tracking(kavya, shipmentId)).toMatchObject({ status: 'booked', timeline: [] });
  });

  it('reads the account once for a flood of webhooks, queues a repeated body once, and follows a rotation at once', async () => {
    const { shipmentId, awb } = await book(kavya);
    const body = await pushedBody(awb);
    await settled();

    const reads = jest.spyOn(t.get(CourierCredentialStore), 'findAccount');
    try {
      const rotated = await connect(ROTATED);
      expect(rotated.accountId).toBe(account.id); // replacing credentials keeps the address the courier knows
      const queued = await jobsQueued();
      const flood = await Promise.all(Array.from({ length: 20 }, () => post(account.path, body, ROTATED)));
      expect(flood.map((r) => r.statusCode)).toEqual(Array(20).fill(202));
      expect(reads).toHaveBeenCalledTimes(1);
      expect(await jobsQueued()).toBe(queued + 1);
      expect((await post(account.path, body, SECRET)).statusCode).toBe(401); // the replaced secret, at once
      await eventually(async () => (await tracking(kavya, shipmentId)).status === 'manifested');
    } finally {
      reads.mockRestore();
    }
  });

  it('refuses the account as soon as its credentials are removed', async () => {
    const { awb } = await book(kavya);
    const body = await pushedBody(awb);
    expect((await post(account.path, body, ROTATED)).statusCode).toBe(202);
    expect((await t.http({ method: 'DELETE', url: '/v1/courier-credentials/delhivery', token: kavya.token })).statusCode).toBe(204);
    const queued = await jobsQueued();
    const refused = await post(account.path, body, ROTATED);
    expect([refused.statusCode, refused.json().code]).toEqual([401, 'courier.webhook_unauthenticated']);
    expect(await jobsQueued()).toBe(queued);
  });

  it('documents the route as a public courier callback', () => {
    const operation = buildOpenApiDocument(t.app).paths['/v1/courier-webhooks/{courier}/accounts/{accountId}']?.post as { operationId: string; security?: unknown[]; responses: Record<string, unknown> };
    expect(operation.operationId).toBe('tracking_receiveForAccount');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['202', '401', '404', '422']));
  });

  /** The body Delhivery pushes for the parcel's next scan (captured without delivering it anywhere). */
  async function pushedBody(awb: string): Promise<string> {
    const before = delhivery.webhooks.deliveries.length;
    delhivery.configureWebhook('http://127.0.0.1:9/unreachable', null);
    await delhivery.advance(awb, 1);
    return delhivery.webhooks.deliveries[before].body;
  }
});
