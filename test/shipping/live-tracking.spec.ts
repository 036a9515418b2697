import { CommandBus } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import type { TrackingEvent } from '@shipcrowd/couriers/contracts';
import { AccessTokenClaims, buildOpenApiDocument } from '@shipcrowd/platform';
import { TestApp } from '@shipcrowd/platform/testing';
import { SHIPPING_EVENTS } from '@shipcrowd/shipping/contracts';
import { RecordTracking } from '../../libs/shipping/src/application/commands/record-tracking/record-tracking.command';
import { ShipmentLiveFeed } from '../../libs/shipping/src/infrastructure/live/shipment-live-feed';
import { TRACKING_PAGE_CSP } from '../../libs/shipping/src/interface/http/tracking-page.html';
import { compareBacklogPositions } from '../../libs/shipping/src/infrastructure/live/live-channel';
import { LIVE_BACKLOG_EVENTS } from '../../libs/shipping/src/infrastructure/live/shipment-live-backlog';
import { AUTH_EXPIRED_EVENT } from '../../libs/shipping/src/interface/http/shipments-live.controller';
import { TOKEN_EXPIRED_EVENT } from '../../libs/shipping/src/interface/live/shipments.gateway';
import type { Seller } from '../orders/support';
import {
  bookedShipment,
  connectLiveSocket,
  EventStreamClient,
  liveTrackingTestApp,
  openEventStream,
  relayEvents,
  seedSeller,
} from './live-tracking-support';
import { eventually } from './support';

const PUBLIC_LIMIT = 5;

/** A client address no other test uses, so per-address rate limits do not leak between tests. */
const clientAddress = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

describe('live shipment updates and the public tracking page', () => {
  let t: TestApp;
  let baseUrl: string;
  let kavya: Seller;
  let rivals: Seller;
  let closed = false;
  const streams: EventStreamClient[] = [];

  beforeAll(async () => {
    t = await liveTrackingTestApp({ PUBLIC_TRACKING_RATE_LIMIT_PER_MINUTE: String(PUBLIC_LIMIT) });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    kavya = await seedSeller(t, 'Kavya Crafts');
    rivals = await seedSeller(t, 'Rival Retail');
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    if (!closed) await t.close();
  });

  const stream = async (seller: Seller, headers: Record<string, string> = {}, token = seller.token) => {
    const opened = await openEventStream(`${baseUrl}/v1/shipments/live`, token, headers);
    streams.push(opened);
    return opened;
  };
  const bookAndRelay = async (seller: Seller) => {
    const booked = await bookedShipment(t, seller);
    await relayEvents(t);
    return booked;
  };
  /** The seller's access token re-signed with other claims (same session, so it is not revoked). */
  const tokenOf = (seller: Seller, change: Partial<AccessTokenClaims>, expiresInSeconds = 900) => {
    const jwt = t.get(JwtService);
    const { exp: _exp, iat: _iat, ...claims } = jwt.decode<AccessTokenClaims & { exp: number; iat: number }>(seller.token);
    return jwt.sign({ ...claims, ...change }, { expiresIn: expiresInSeconds });
  };

  describe('Server-Sent Events: GET /v1/shipments/live', () => {
    it('is the event stream, not GET /v1/shipments/{id} reading "live" as an id', async () => {
      const live = await stream(kavya);
      expect(live.status).toBe(200);
      expect(live.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(live.headers['cache-control']).toBe('no-cache, no-transform');
      await eventually(async () => live.comments.includes('connected'));
      expect(live.raw.startsWith('retry: 5000\n')).toBe(true);
      live.close();
      // the ':id' route still answers for ids
      const missing = await t.http({ method: 'GET', url: '/v1/shipments/not-a-uuid', token: kavya.token });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('shipment.not_found');
    });

    it('needs a signed-in caller with shipments.read', async () => {
      const anonymous = await t.http({ method: 'GET', url: '/v1/shipments/live' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
      const withoutPermission = await t.http({ method: 'GET', url: '/v1/shipments/live', token: tokenOf(kavya, { perms: ['orders.read'] }) });
      expect(withoutPermission.statusCode).toBe(403);
      expect(withoutPermission.json()).toMatchObject({ code: 'auth.permission_denied', missingPermissions: ['shipments.read'] });
    });

    it("streams the caller's company events after commit, never another company's", async () => {
      const mine = await stream(kavya);
      const theirs = await stream(rivals);
      await eventually(async () => mine.comments.includes('connected') && theirs.comments.includes('connected'));

      const first = await bookedShipment(t, kavya);
      // Committed but not yet relayed: nothing is announced before the outbox hands the event over.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(mine.events).toEqual([]);
      await relayEvents(t);
      await eventually(async () => mine.events.length === 1);
      expect(mine.events[0]).toEqual({ id: expect.stringMatching(/^\d+-\d+$/), event: SHIPPING_EVENTS.shipmentBooked, data: expect.any(String) });
      expect(JSON.parse(mine.events[0].data!)).toMatchObject({
        shipmentId: first.shipmentId,
        orderId: first.orderId,
        awb: first.awb,
        courier: 'delhivery',
        status: 'booked',
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        occurredAt: expect.any(String),
      });

      const rivalsShipment = await bookAndRelay(rivals);
      await eventually(async () => theirs.events.length === 1);
      // Frames on one connection arrive in order: a leak of the rival's event would sit between the seller's two.
      const second = await bookAndRelay(kavya);
      await eventually(async () => mine.events.length >= 2);
      expect(mine.events.map((e) => JSON.parse(e.data!).awb)).toEqual([first.awb, second.awb]);
      expect(theirs.events.map((e) => JSON.parse(e.data!).awb)).toEqual([rivalsShipment.awb]);
    });

    /** Waits until the streams a test closed have let go of their feed listeners, as the next test counts them. */
    const listenersBack = (count: number) => eventually(async () => t.get(ShipmentLiveFeed).listenerCount === count);

    it("replays after Last-Event-ID exactly the company's events it missed, then goes on live without repeating any", async () => {
      const listeners = t.get(ShipmentLiveFeed).listenerCount;
      const first = await stream(kavya);
      await eventually(async () => first.comments.includes('connected'));
      const seen = await bookAndRelay(kavya);
      await eventually(async () => first.events.length === 1);
      const lastSeen = first.events[0];
      expect(JSON.parse(lastSeen.data!).awb).toBe(seen.awb);
      first.close();

      // While disconnected: two of the seller's events and one of another company.
      const missedOne = await bookAndRelay(kavya);
      const rivalsOne = await bookAndRelay(rivals);
      const missedTwo = await bookAndRelay(kavya);

      const resumed = await stream(kavya, { 'last-event-id': lastSeen.id! });
      await eventually(async () => resumed.events.length === 2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(resumed.events.map((e) => JSON.parse(e.data!).awb)).toEqual([missedOne.awb, missedTwo.awb]);
      expect(resumed.events.every((e) => compareBacklogPositions(e.id!, lastSeen.id!) > 0)).toBe(true);

      const live = await bookAndRelay(kavya);
      await eventually(async () => resumed.events.length === 3);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const data = resumed.events.map((e) => JSON.parse(e.data!));
      expect(data.map((d) => d.awb)).toEqual([missedOne.awb, missedTwo.awb, live.awb]);
      expect(new Set(data.map((d) => d.eventId)).size).toBe(3);

      // Another company resuming from the same id gets its own events only.
      const theirs = await stream(rivals, { 'last-event-id': lastSeen.id! });
      await eventually(async () => theirs.events.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(theirs.events.map((e) => JSON.parse(e.data!).awb)).toEqual([rivalsOne.awb]);

      // An id this stream never issued replays nothing.
      const unknown = await stream(kavya, { 'last-event-id': 'not-an-id' });
      await eventually(async () => unknown.comments.includes('connected'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unknown.events).toEqual([]);
      for (const s of [resumed, theirs, unknown]) s.close();
      await listenersBack(listeners);
    });

    it(`documents how far back replay goes (about ${LIVE_BACKLOG_EVENTS} events per company)`, () => {
      const operation = (buildOpenApiDocument(t.app).paths as Record<string, Record<string, { description: string; parameters?: { name: string; in: string }[] }>>)['/v1/shipments/live'].get;
      expect(operation.description).toContain(`about the last ${LIVE_BACKLOG_EVENTS}`);
      expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Last-Event-ID', in: 'header' })]));
    });

    it('ends the stream with an auth_expired event when the access token that opened it expires', async () => {
      const listeners = t.get(ShipmentLiveFeed).listenerCount;
      const expiring = await stream(kavya, {}, tokenOf(kavya, {}, 2));
      expect(expiring.status).toBe(200);
      await eventually(async () => expiring.comments.includes('connected'));
      expect(expiring.ended).toBe(false);
      await eventually(async () => expiring.ended, 10_000);
      expect(expiring.events.at(-1)).toEqual({ event: AUTH_EXPIRED_EVENT, data: expect.any(String) });
      expect(JSON.parse(expiring.events.at(-1)!.data!)).toEqual({ code: 'auth.token_expired', message: expect.any(String) });
      // A stream opened with a token that lives on is not ended.
      const lasting = await stream(kavya);
      await eventually(async () => lasting.comments.includes('connected'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(lasting.ended).toBe(false);
      lasting.close();
      await listenersBack(listeners);
    }, 15_000);

    it('stops listening when the client disconnects', async () => {
      const feed = t.get(ShipmentLiveFeed);
      const before = feed.listenerCount;
      const live = await stream(kavya);
      await eventually(async () => live.comments.includes('connected'));
      expect(feed.listenerCount).toBe(before + 1);
      live.close();
      await eventually(async () => feed.listenerCount === before);
    });
  });

  describe('Socket.IO namespace /shipments', () => {
    it("authenticates with the access token and receives its company's events only, over polling and websocket", async () => {
      const polling = await connectLiveSocket(baseUrl, { auth: { token: kavya.token } });
      const websocket = await connectLiveSocket(baseUrl, { transports: ['websocket'], extraHeaders: { authorization: `Bearer ${rivals.token}` } });
      try {
        const mine = await bookAndRelay(kavya);
        await eventually(async () => polling.received.length === 1);
        expect(polling.received[0]).toMatchObject({ type: SHIPPING_EVENTS.shipmentBooked, payload: { awb: mine.awb, shipmentId: mine.shipmentId }, meta: { eventId: expect.any(String), occurredAt: expect.any(String) } });

        const theirs = await bookAndRelay(rivals);
        await eventually(async () => websocket.received.length === 1);
        expect(websocket.received.map((e) => e.payload.awb)).toEqual([theirs.awb]);
        const again = await bookAndRelay(kavya);
        await eventually(async () => polling.received.length >= 2);
        expect(polling.received.map((e) => e.payload.awb)).toEqual([mine.awb, again.awb]);
        expect(websocket.received.map((e) => e.payload.awb)).toEqual([theirs.awb]);
      } finally {
        polling.socket.close();
        websocket.socket.close();
      }
    });

    it('refuses a handshake without a valid token or without shipments.read, saying why', async () => {
      const refusal = (options: Parameters<typeof connectLiveSocket>[1]) =>
        connectLiveSocket(baseUrl, { transports: ['websocket'], ...options }).then(
          ({ socket }) => {
            socket.close();
            throw new Error('connected');
          },
          (error: Error & { data?: unknown }) => ({ message: error.message, data: error.data }),
        );
      expect(await refusal({ auth: { token: 'not-a-jwt' } })).toEqual({ message: 'The access token is not valid.', data: { code: 'auth.invalid_token', status: 401 } });
      expect(await refusal({ auth: { token: `${kavya.token}x` } })).toEqual({ message: 'The access token is not valid.', data: { code: 'auth.invalid_token', status: 401 } });
      expect(await refusal({})).toMatchObject({ data: { code: 'auth.unauthenticated', status: 401 } });
      expect(await refusal({ auth: { token: tokenOf(kavya, { perms: ['orders.read'] }) } })).toEqual({
        message: 'Your role lacks the permission: shipments.read.',
        data: { code: 'auth.permission_denied', status: 403 },
      });
    });

    it('closes the connection when the access token expires', async () => {
      const { socket, received } = await connectLiveSocket(baseUrl, { transports: ['websocket'], auth: { token: tokenOf(kavya, {}, 2) } });
      const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      expect(await reason).toBe('io server disconnect');
      expect(received.map((e) => e.type)).toEqual([TOKEN_EXPIRED_EVENT]);
    }, 15_000);
  });

  describe('public tracking', () => {
    const page = (awb: string, remoteAddress = clientAddress()) => t.http({ method: 'GET', url: `/track/${encodeURIComponent(awb)}`, remoteAddress });
    const scan = (awb: string, over: Partial<TrackingEvent>): TrackingEvent => ({
      awb,
      status: 'in_transit',
      rawCode: 'IT',
      rawStatus: 'In transit',
      location: null,
      occurredAt: new Date(),
      remarks: null,
      ndrReason: null,
      chargedWeightGrams: null,
      ...over,
    });

    it("renders the buyer's page with the seller's branding, every value escaped, no personal data and nothing external", async () => {
      expect((await t.http({ method: 'PATCH', url: '/v1/companies/current', token: kavya.token, payload: { displayName: 'Kavya <Crafts> & "Co"' } })).statusCode).toBe(200);
      expect((await t.http({ method: 'PUT', url: '/v1/companies/current/branding', token: kavya.token, payload: { primaryColor: '#8a1c4a', secondaryColor: null } })).statusCode).toBe(200);
      const { awb } = await bookedShipment(t, kavya);
      const pickedUp = new Date(Date.now() - 3_600_000);
      await t.get(CommandBus).execute(
        new RecordTracking('delhivery', [
          scan(awb, { status: 'picked_up', rawCode: 'PU', rawStatus: 'Picked up', occurredAt: pickedUp }),
          scan(awb, { rawStatus: '<script>alert("x")</script> Reached hub', location: 'Bengaluru <Hub> & Co' }),
        ], 'webhook'),
      );

      const res = await page(awb);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(TRACKING_PAGE_CSP);
      const body = res.body;
      expect(body).toContain('Kavya &lt;Crafts&gt; &amp; &quot;Co&quot;');
      expect(body).toContain('--brand:#8a1c4a');
      expect(body).toContain('<h1>In transit</h1>');
      expect(body).toContain(`AWB <span class="mono">${awb}</span>`);
      expect(body).toContain('Delhivery');
      expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Reached hub');
      expect(body).toContain('Bengaluru &lt;Hub&gt; &amp; Co');
      // newest scan first
      expect(body.indexOf('Reached hub')).toBeLessThan(body.indexOf('Picked up'));
      expect(body).not.toMatch(/<script/i);
      expect(body).not.toMatch(/\s(src|href)="(?!data:)/);
      expect(body).not.toContain('Asha Rao');
      expect(body).not.toContain('Marine Drive');
      expect(body).toContain('Going to Mumbai');
    });

    it('shows the seller’s registered name when it set no branding', async () => {
      const { awb } = await bookedShipment(t, rivals);
      const res = await page(awb);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<span class="company">Rival Retail</span>');
      expect(res.body).toContain('--brand:#000000');
    });

    it('answers a friendly 404 page for an unknown or malformed AWB, echoing it escaped', async () => {
      const unknown = await page('ZZ0000000000');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(unknown.body).toContain('We could not find this shipment');
      expect(unknown.body).toContain('ZZ0000000000');

      const hostile = await page('<img src=x onerror=alert(1)>');
      expect(hostile.statusCode).toBe(404);
      expect(hostile.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(hostile.body).not.toContain('<img');
    });

    it('limits each client address to PUBLIC_TRACKING_RATE_LIMIT_PER_MINUTE on each public route (429 problem+json)', async () => {
      const { awb } = await bookedShipment(t, kavya);
      const address = clientAddress();
      const api = () => t.http({ method: 'GET', url: `/v1/tracking/${awb}`, remoteAddress: address });
      for (let i = 0; i < PUBLIC_LIMIT; i++) expect((await api()).statusCode).toBe(200);
      const limited = await api();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);

      // Other addresses, and the same address on the rest of the API, are not affected.
      expect((await t.http({ method: 'GET', url: `/v1/tracking/${awb}`, remoteAddress: clientAddress() })).statusCode).toBe(200);
      expect((await t.http({ method: 'GET', url: '/v1/shipments', token: kavya.token, remoteAddress: address })).statusCode).toBe(200);

      // The page counts on its own.
      for (let i = 0; i < PUBLIC_LIMIT; i++) expect((await page(awb, address)).statusCode).toBe(200);
      expect((await page(awb, address)).statusCode).toBe(429);
    });

    it('documents the live stream and leaves the HTML page out of the OpenAPI document', () => {
      const paths = buildOpenApiDocument(t.app).paths as Record<string, Record<string, { tags?: string[]; responses: Record<string, { content?: Record<string, unknown> }> }>>;
      expect(paths['/v1/shipments/live'].get.tags).toEqual(['shipments']);
      expect(Object.keys(paths['/v1/shipments/live'].get.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '429', '503']));
      expect(Object.keys(paths['/v1/shipments/live'].get.responses['200'].content ?? {})).toEqual(['text/event-stream']);
      expect(Object.keys(paths).filter((path) => path.startsWith('/track/'))).toEqual([]);
    });
  });

  it('closing the application ends open streams and sockets', async () => {
    const live = await stream(kavya);
    const { socket } = await connectLiveSocket(baseUrl, { transports: ['websocket'], auth: { token: kavya.token } });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await eventually(async () => live.comments.includes('connected'));
    closed = true;
    await t.close();
    await eventually(async () => live.ended);
    expect(await disconnected).toMatch(/transport close|io server disconnect/);
  });
});
