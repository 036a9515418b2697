import { BeforeApplicationShutdown, Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, companyOf, CurrentPrincipal, Principal, ProblemException, RequirePermissions } from '@shipcrowd/platform';
import { ShipmentLiveFeed } from '../../infrastructure/live/shipment-live-feed';
import { EventStream } from './event-stream';

export const LIVE_HEARTBEAT_MS = 25_000;

/**
 * GET /v1/shipments/live. A controller of its own, registered before ShipmentsController, so the path is never read as
 * GET /v1/shipments/{id} with the id "live" (whose handler would answer 404).
 */
@ApiTags('shipments')
@Controller('v1/shipments')
export class ShipmentsLiveController implements BeforeApplicationShutdown {
  private readonly open = new Set<EventStream>();

  constructor(private readonly feed: ShipmentLiveFeed) {}

  @Get('live')
  @RequirePermissions('shipments.read')
  @Header('Content-Type', 'text/event-stream; charset=utf-8')
  @Header('Cache-Control', 'no-cache, no-transform')
  @Header('X-Accel-Buffering', 'no')
  // When the stream ends (shutdown, overflow) the connection goes too, instead of idling in keep-alive and holding up the server's close.
  @Header('Connection', 'close')
  @ApiOperation({
    summary: 'Live shipment updates (Server-Sent Events)',
    description:
      'A text/event-stream of your company’s shipment events as they commit: the event name is the event type (shipping.shipment_booked, ' +
      'shipping.shipment_status_changed, shipping.shipment_delivered, shipping.shipment_cancelled), `id` its event id and `data` its JSON payload ' +
      '{ shipmentId, orderId, orderNumber, courier, awb, status, … }. A comment line is sent every 25 s. Events are not replayed after a reconnect.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'The event stream; it stays open until the client disconnects', schema: { type: 'string' } })
  @ApiProblems(503)
  async live(@CurrentPrincipal() principal: Principal) {
    const companyId = companyOf(principal);
    await this.feed.connect().catch(() => {
      throw new ProblemException(503, 'shipping.live_unavailable', 'Live updates are unavailable right now; try again shortly.');
    });
    const stream = new EventStream(LIVE_HEARTBEAT_MS);
    const stop = this.feed.listen(companyId, (event) => stream.send(event.eventId, event.type, event.payload));
    this.open.add(stream);
    stream.onClose(() => {
      stop();
      this.open.delete(stream);
    });
    return stream.body;
  }

  /** Ends open streams before the HTTP server closes, which would otherwise wait for them. */
  beforeApplicationShutdown(): void {
    for (const stream of this.open) stream.end();
  }
}
