import { randomUUID } from 'node:crypto';
import { get, IncomingHttpHeaders } from 'node:http';
import { CommandBus } from '@nestjs/cqrs';
import { OutboxRelay, OutboxRelayModule } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { io, ManagerOptions, Socket as ClientSocket, SocketOptions } from 'socket.io-client';
import { BookShipment } from '../../libs/shipping/src/application/commands/book-shipment/book-shipment.command';
import type { BookedShipment } from '../../libs/shipping/src/application/commands/book-shipment/book-shipment.handler';
import { seedSeller, Seller } from '../orders/support';
import { placeOrder, shippingTestApp } from './support';

/**
 * API and worker in one process, as `npm start` runs them: the shipping test app (real orders, warehouses, pricing and
 * couriers in sandbox) plus the outbox relay the tests drain.
 */
export function liveTrackingTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return shippingTestApp(env, [OutboxRelayModule]);
}

/** Places an order over HTTP and books it with the real booking command (courier over HTTP to its simulator). */
export async function bookedShipment(t: TestApp, seller: Seller, courier = 'delhivery'): Promise<BookedShipment & { orderId: string }> {
  const { id: orderId } = await placeOrder(t, seller, { orderNumber: `LIVE-${randomUUID().slice(0, 8)}` });
  const booked = await t.get(CommandBus).execute<BookShipment, BookedShipment>(new BookShipment({ companyId: seller.companyId, userId: null }, orderId, courier));
  return { ...booked, orderId };
}

/** Hands committed outbox events to their consumers (what the worker's relay does on its next poll). */
export function relayEvents(t: TestApp): Promise<number> {
  return t.get(OutboxRelay).drain();
}

export { seedSeller };

export interface StreamedEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** A text/event-stream response read over a real connection, frame by frame. */
export interface EventStreamClient {
  status: number;
  headers: IncomingHttpHeaders;
  events: StreamedEvent[];
  comments: string[];
  /** Everything received, as sent. */
  raw: string;
  ended: boolean;
  close(): void;
}

export function openEventStream(url: string, token: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers } }, (response) => {
      let pending = '';
      const client: EventStreamClient = { status: response.statusCode ?? 0, headers: response.headers, events: [], comments: [], raw: '', ended: false, close: () => request.destroy() };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        client.raw += chunk;
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const frame = pending.slice(0, end);
          pending = pending.slice(end + 2);
          const event: StreamedEvent = {};
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) client.comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) event.data = line.slice(6);
          }
          if (event.event || event.data) client.events.push(event);
        }
      });
      response.on('end', () => (client.ended = true));
      response.on('close', () => (client.ended = true));
      resolve(client);
    });
    request.on('error', reject);
  });
}

export interface ReceivedLiveEvent {
  type: string;
  payload: Record<string, unknown>;
  meta: { eventId: string; occurredAt: string };
}

/** A Socket.IO client of the /shipments namespace; resolves once connected, rejects with the server's connect_error. */
export function connectLiveSocket(baseUrl: string, options: Partial<ManagerOptions & SocketOptions>): Promise<{ socket: ClientSocket; received: ReceivedLiveEvent[] }> {
  const socket = io(`${baseUrl}/shipments`, { reconnection: false, forceNew: true, ...options });
  const received: ReceivedLiveEvent[] = [];
  socket.onAny((type: string, payload: Record<string, unknown>, meta: ReceivedLiveEvent['meta']) => received.push({ type, payload, meta }));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, received }));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}
