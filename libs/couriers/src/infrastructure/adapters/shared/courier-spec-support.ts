import { createServer, IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CourierSimulatorServer } from '@shipcrowd/simulators';
import type { BookingRequest } from '../../../../contracts';
import { CourierCall, CourierProvider, WebhookMalformed, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { bookingFixture } from '../../../testing/booking-fixture';
import type { ScriptedCourierSimulator } from '../../../testing/courier-contract';
import { testCourierCall } from '../../../testing/courier-call';

/**
 * Spec support for adapters (test code only). `useSimulatedCourier` mounts one courier simulator on a fresh server for a
 * describe block and gives a test-speed CourierCall with the adapter's sandbox credentials.
 */
export function useSimulatedCourier<S extends ScriptedCourierSimulator>(adapter: CourierProvider, simulator: () => S): { server: CourierSimulatorServer; sim: S; call: CourierCall } {
  const harness = { server: new CourierSimulatorServer() } as { server: CourierSimulatorServer; sim: S; call: CourierCall };
  beforeAll(async () => {
    harness.sim = harness.server.register(simulator());
    await harness.server.start();
    harness.call = testCourierCall(harness.server.urlOf(harness.sim.prefix), adapter.sandboxCredentials, `${adapter.code}-wire`);
  });
  afterAll(async () => {
    harness.call.http.shutdown();
    harness.call.httpNoRetry.shutdown();
    await harness.server.stop();
  });
  beforeEach(() => harness.server.clearFaults());
  return harness;
}

/**
 * describeCourierContract checks pushed webhooks as body signatures: a tampered body must be refused. Couriers that
 * authenticate pushes with a fixed token header (no signature exists in their protocol) cannot detect tampering, so
 * their specs run the contract on this view, with webhookPush masked, and prove the token scheme with
 * describeTokenWebhookContract instead. Everything else in the view is the adapter itself.
 */
export function withoutSignedWebhookCheck(adapter: CourierProvider): CourierProvider {
  return Object.create(adapter, { capabilities: { value: { ...adapter.capabilities, webhookPush: false } } }) as CourierProvider;
}

export interface TokenWebhookSubject {
  adapter: CourierProvider;
  simulator(): ScriptedCourierSimulator;
  booking(over?: Partial<BookingRequest>): BookingRequest;
  /** The header the courier's push carries the seller-configured token in. */
  tokenHeader: string;
}

/** The webhook half of the contract for token-authenticated pushes: own pushes parse scan for scan; a wrong, missing or rotated token is refused. */
export function describeTokenWebhookContract(subject: TokenWebhookSubject): void {
  const { adapter } = subject;
  describe(`${adapter.code} token-authenticated webhooks`, () => {
    const courier = useSimulatedCourier(adapter, subject.simulator);
    const received: { headers: IncomingHttpHeaders; rawBody: Buffer }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        received.push({ headers: req.headers, rawBody: Buffer.concat(chunks) });
        res.end('ok');
      });
    });
    beforeAll(() => new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve)));
    afterAll(() => new Promise((resolve) => receiver.close(resolve)));

    it('parses its own pushes scan for scan and refuses a wrong, missing or rotated token', async () => {
      const credentials = adapter.sandboxCredentials;
      courier.sim.configureWebhook(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, credentials.webhookSecret);
      const { awb } = await adapter.book(courier.call, subject.booking());
      await courier.sim.advance(awb, 2);
      expect(received).toHaveLength(2);
      const events = received.flatMap((r) => adapter.parseWebhook({ ...r, credentials }));
      expect(events.map((e) => [e.awb, e.status])).toEqual([[awb, 'manifested'], [awb, 'picked_up']]);

      const [first] = received;
      const wrong = { ...first.headers, [subject.tokenHeader]: 'not-the-token' };
      expect(() => adapter.parseWebhook({ headers: wrong, rawBody: first.rawBody, credentials })).toThrow(WebhookUnauthenticated);
      expect(() => adapter.parseWebhook({ headers: {}, rawBody: first.rawBody, credentials })).toThrow(WebhookUnauthenticated);
      expect(() => adapter.parseWebhook({ ...first, credentials: { ...credentials, webhookSecret: 'rotated-secret' } })).toThrow(WebhookUnauthenticated);
      expect(() => adapter.parseWebhook({ headers: first.headers, rawBody: Buffer.from('{not json'), credentials })).toThrow(WebhookMalformed);
    });
  });
}

/** A booking for a courier's first service, as the contract makes it. */
export function bookingFor(service: string) {
  return (over: Partial<BookingRequest> = {}): BookingRequest => bookingFixture({ service, ...over });
}
