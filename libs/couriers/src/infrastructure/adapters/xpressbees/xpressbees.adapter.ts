import type { BookingRequest, BookingResult } from '../../../../contracts';
import { CourierCall, CourierRejected } from '../../../application/ports/courier-provider';
import { statusMapper } from '../../../domain/status-mapping';
import { collectablePaise } from '../shared/booking-fields';
import { panelCapabilities, panelShipment, ShippingPanelAdapter } from '../shared/shipping-panel';
import { rupees } from '../shared/wire';
import { XPRESSBEES_STATUS_MAP } from './xpressbees.status-map';

/** Shipcrowd service -> the courier_id of an Xpressbees shipping account (`GET /api/courier`). */
const COURIER_IDS: Readonly<Record<string, string>> = { surface: '1', express: '6' };
const SERVICE_OF_COURIER_ID = new Map(Object.entries(COURIER_IDS).map(([service, id]) => [id, service]));

/**
 * Xpressbees through its shipping API (shipment.xpressbees.com): e-mail/password login for a Bearer token,
 * `POST /api/shipments2` (grams, cm, rupees; `order_number` = Shipcrowd's reference with `unique_order_number: yes`,
 * `collectable_amount` for COD, the service as `courier_id`), serviceability and rates from
 * `POST /api/courier/serviceability`, tracking per AWB, cancel, manifest (= pickup request), NDR create, and
 * HMAC-signed status webhooks. See README.md.
 */
export class XpressbeesAdapter extends ShippingPanelAdapter {
  readonly code = 'xpressbees' as const;
  readonly capabilities = panelCapabilities({ maxWeightGrams: 50_000, maxLengthCm: 120, maxCodPaise: 5_000_000, maxPieces: 1 });
  readonly sandboxCredentials = { email: 'sandbox@shipcrowd.test', password: 'sandbox-xpressbees-password', webhookSecret: 'sandbox-xpressbees-webhook-secret' };
  readonly liveBaseUrl = 'https://shipment.xpressbees.com';

  protected readonly api = {
    paths: { login: '/api/users/login', serviceability: '/api/courier/serviceability', shipments: '/api/shipments2', track: '/api/shipments2/track', cancel: '/api/shipments2/cancel', manifest: '/api/shipments2/manifest', ndr: '/api/ndr/create' },
    signatureHeader: 'x-xpressbees-signature',
    mapStatus: statusMapper(XPRESSBEES_STATUS_MAP),
    serviceOf: ({ id }: { id: string }) => SERVICE_OF_COURIER_ID.get(id) ?? null,
  };

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const courierId = COURIER_IDS[request.service];
    if (!courierId) throw new CourierRejected(`Xpressbees has no service "${request.service}"`);
    return this.bookShipment(call, { ...panelShipment(request), unique_order_number: 'yes', collectable_amount: rupees(collectablePaise(request)), courier_id: courierId });
  }
}
