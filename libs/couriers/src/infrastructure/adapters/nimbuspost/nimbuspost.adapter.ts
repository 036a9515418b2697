import type { BookingRequest, BookingResult, TrackingEvent } from '../../../../contracts';
import { CourierCall, CourierRejected } from '../../../application/ports/courier-provider';
import { statusMapper } from '../../../domain/status-mapping';
import { fieldsOf, listOf, textOf } from '../shared/json-http';
import { cheapestPerService } from '../shared/live-quotes';
import { panelCapabilities, panelShipment, ShippingPanelAdapter } from '../shared/shipping-panel';
import { rupees } from '../shared/wire';
import { NIMBUSPOST_STATUS_MAP } from './nimbuspost.status-map';

/**
 * NimbusPost (an aggregator) through its API v1: e-mail/password login for a Bearer token; a booking first asks
 * `POST /v1/courier/serviceability` for the couriers serving the lane and books `POST /v1/shipments` with the
 * cheapest one of the service's mode (air for express, surface otherwise); the same quote answers serviceability and
 * rates; tracking per AWB or in bulk, cancel, manifest (= pickup request), NDR action, HMAC-signed status webhooks.
 * See README.md.
 */
export class NimbusPostAdapter extends ShippingPanelAdapter {
  readonly code = 'nimbuspost' as const;
  readonly capabilities = panelCapabilities({ maxWeightGrams: 30_000, maxLengthCm: 120, maxCodPaise: 5_000_000, maxPieces: 1 });
  readonly sandboxCredentials = { email: 'sandbox@shipcrowd.test', password: 'sandbox-nimbuspost-password', webhookSecret: 'sandbox-nimbuspost-webhook-secret' };
  readonly liveBaseUrl = 'https://api.nimbuspost.com';

  protected readonly api = {
    paths: { login: '/v1/users/login', serviceability: '/v1/courier/serviceability', shipments: '/v1/shipments', track: '/v1/shipments/track', cancel: '/v1/shipments/cancel', manifest: '/v1/shipments/manifest', ndr: '/v1/ndr/action' },
    signatureHeader: 'x-nimbus-signature',
    mapStatus: statusMapper(NIMBUSPOST_STATUS_MAP),
    // The quote has no mode field: the couriers NimbusPost resells say Air in their names.
    serviceOf: ({ name }: { name: string }) => (/\bair\b/i.test(name) ? 'express' : 'surface'),
  };

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    // NimbusPost collects order_amount on a COD shipment, so it carries the COD amount there.
    const shipment = { ...panelShipment(request), ...(request.paymentMode === 'cod' ? { order_amount: rupees(request.codAmountPaise) } : {}) };
    const courierId = await this.cheapestCourier(call, request, shipment);
    return this.bookShipment(call, { ...shipment, courier_id: courierId });
  }

  /** Several AWBs go in one bulk call; AWBs NimbusPost does not know are absent from its answer. */
  override async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    if (awbs.length <= 1) return super.track(call, awbs);
    const { data } = await this.send(call, 'POST', '/v1/shipments/track/bulk', { awb: awbs });
    const tracked = new Map<string, TrackingEvent[]>();
    for (const tracking of listOf(data)) {
      const awb = textOf(fieldsOf(tracking).awb_number);
      if (awb) tracked.set(awb, this.events(awb, tracking));
    }
    return tracked;
  }

  /** Part of the booking, so sent once like it (a failed quote fails the booking rather than retrying it). */
  private async cheapestCourier(call: CourierCall, request: BookingRequest, shipment: ReturnType<typeof panelShipment>): Promise<string> {
    const lane = {
      origin: request.pickup.pincode,
      destination: request.consignee.pincode,
      payment_type: shipment.payment_type,
      order_amount: shipment.order_amount,
      weight: shipment.package_weight,
      length: shipment.package_length,
      breadth: shipment.package_breadth,
      height: shipment.package_height,
    };
    const [cheapest] = cheapestPerService(await this.quotes(call, lane, { once: true }), request.service);
    if (!cheapest) throw new CourierRejected(`NimbusPost offers no ${request.service === 'express' ? 'air' : 'surface'} courier from ${lane.origin} to ${lane.destination}`);
    return cheapest.courierId;
  }
}
