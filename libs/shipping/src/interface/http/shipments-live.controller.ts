import { BeforeApplicationShutdown, Controller, Get, Header, Headers, Logger } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, AUTH_EXPIRED_EVENT, companyOf, CurrentPrincipal, onTokenExpiry, Principal, ProblemException, RequirePermissions, TOKEN_EXPIRED_NOTICE } from '@shipcrowd/platform';
import { compareBacklogPositions, isBacklogPosition, ShipmentLiveEvent } from '../../infrastructure/live/live-channel';
import { LIVE_BACKLOG_EVENTS, LIVE_BACKLOG_TTL_SECONDS, ShipmentLiveBacklog } from '../../infrastructure/live/shipment-live-backlog';
import { ShipmentLiveFeed } from '../../infrastructure/live/shipment-live-feed';
import { EventStream } from './event-stream';

export const LIVE_HEARTBEAT_MS = 25_000;
export { AUTH_EXPIRED_EVENT };

const unavailable = () => new ProblemException(503, 'shipping.live_unavailable', 'Live updates are unavailable right now; try again shortly.');

/** What an event's `data` line carries: its payload, with the event id to dedupe redeliveries by and when it happened. */
const dataOf = (event: ShipmentLiveEvent) => ({ ...event.payload, eventId: event.eventId, occurredAt: event.occurredAt });

/**
 * GET /v1/shipments/live. A controller of its own, registered before ShipmentsController, so the path is never read as
 * GET /v1/shipments/{id} with the id "live" (whose handler would answer 404).
 */
@ApiTags('shipments')
@Controller('v1/shipments')
export class ShipmentsLiveController implements BeforeApplicationShutdown {
  private readonly logger = new Logger('shipping-live');
  private readonly open = new Set<EventStream>();

  constructor(
    private readonly feed: ShipmentLiveFeed,
    private readonly backlog: ShipmentLiveBacklog,
  ) {}

  @Get('live')
  @RequirePermissions('shipments.read')
  @Header('Content-Type', 'text/event-stream; charset=utf-8')
  @Header('Cache-Control', 'no-cache, no-transform')
  @Header('X-Accel-Buffering', 'no')
  // When the stream ends (shutdown, overflow, token expiry) the connection goes too, instead of idling in keep-alive and holding up the server's close.
  @Header('Connection', 'close')
  @ApiOperation({
    summary: 'Live shipment updates (Server-Sent Events)',
    description:
      'A text/event-stream of your company’s shipment events as they commit: the event name is the event type (shipping.shipment_booked, ' +
      'shipping.shipment_status_changed, shipping.shipment_delivered, shipping.shipment_cancelled, shipping.shipment_booking_failed, …), `id` its position in ' +
      'your company’s backlog and `data` its JSON payload { shipmentId, orderId, orderNumber, courier, awb, status, …, eventId, occurredAt } (delivery is at least ' +
      'once: dedupe by eventId). A comment line is sent every 25 s.\n\n' +
      `Reconnect with \`Last-Event-ID\` (EventSource does it by itself) to get first the events after that id that are still held: about the last ${LIVE_BACKLOG_EVENTS} ` +
      `of your company, from at most ${LIVE_BACKLOG_TTL_SECONDS / 3600} hours before its latest event; anything older is not replayed (reload what you show).\n\n` +
      `When the access token that opened the stream expires, a final \`${AUTH_EXPIRED_EVENT}\` event (data { code: "auth.token_expired", message }) is sent and the stream closes: ` +
      'reconnect with a fresh token and Last-Event-ID. Streams opened with an API key do not expire.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The `id` of the last event received: the events after it still held are sent before live ones' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'The event stream; it stays open until the client disconnects or the access token expires',
    content: { 'text/event-stream': { schema: { type: 'string', example: 'id: 1732252800000-0\nevent: shipping.shipment_booked\ndata: {"shipmentId":"0193…","awb":"1490000012345",…}\n\n' } } },
  })
  @ApiProblems(503)
  async live(@CurrentPrincipal() principal: Principal, @Headers('last-event-id') lastEventId?: string) {
    const companyId = companyOf(principal);
    const expiresAt = principal.expiresAt ?? null;
    await this.feed.connect().catch(() => {
      throw unavailable();
    });
    const stream = new EventStream(LIVE_HEARTBEAT_MS);
    const resumeAfter = isBacklogPosition(lastEventId) ? lastEventId : null;
    // While the backlog is read, live events wait; afterwards those it already held (or the client had) are not sent again.
    let waiting: ShipmentLiveEvent[] | null = resumeAfter ? [] : null;
    let sentUpTo = resumeAfter;
    const send = (event: ShipmentLiveEvent) => {
      if (sentUpTo && event.position && compareBacklogPositions(event.position, sentUpTo) <= 0) return;
      stream.send(event.position ?? event.eventId, event.type, dataOf(event));
    };
    const stopListening = this.feed.listen(companyId, (event) => (waiting ? waiting.push(event) : send(event)));
    const cancelExpiry = onTokenExpiry(expiresAt, () => {
      stream.announce(AUTH_EXPIRED_EVENT, TOKEN_EXPIRED_NOTICE);
      stream.end();
    });
    this.open.add(stream);
    stream.onClose(() => {
      stopListening();
      cancelExpiry();
      this.open.delete(stream);
    });
    if (resumeAfter) {
      try {
        for (const event of await this.backlog.after(companyId, resumeAfter)) {
          stream.send(event.position!, event.type, dataOf(event));
          sentUpTo = event.position!;
        }
      } catch (error) {
        this.logger.warn({ err: error, companyId }, 'live backlog unavailable for a replay');
        stream.body.destroy();
        throw unavailable();
      }
      for (const event of waiting!) send(event);
      waiting = null;
    }
    return stream.body;
  }

  /** Ends open streams before the HTTP server closes, which would otherwise wait for them. */
  beforeApplicationShutdown(): void {
    for (const stream of this.open) stream.end();
  }
}
