import type { ResilientHttp } from '@shipcrowd/platform';
import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  CourierRate,
  CourierServiceability,
  PartyAddress,
  PickupRequest,
  PickupResult,
  RateQuery,
  ServiceabilityQuery,
  TrackingEvent,
} from '../../../../contracts';
import { CourierAuthFailed, CourierCall, CourierProvider, CourierRejected, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { BearerSession } from '../shared/bearer-session';
import { singleBox } from '../shared/booking-fields';
import { fetchLabelPdf } from '../shared/courier-label';
import { HttpMethod, bearerJson, fieldsOf, listOf, requestJson, textOf, withQuery } from '../shared/json-http';
import { trackingEvents } from '../shared/tracking-events';
import { expectOk, paiseFromRupees, parseIndiaTime, rupees } from '../shared/wire';
import { marutiStatus } from './maruti.status-map';

const ORDER = '/fulfillment/public/seller/order';
/** Delcaper's login answer carries no lifetime; its integrators keep an access token for a day. */
const ACCESS_TOKEN_SECONDS = 24 * 3600;

const messageOf = (body: unknown): string | undefined => textOf(fieldsOf(body).message) ?? undefined;

/** Delcaper's delivery promises and the Shipcrowd services they are. */
const PROMISE_OF_SERVICE: Readonly<Record<string, string>> = { surface: 'SURFACE', express: 'AIR' };
const SERVICE_OF_PROMISE: Readonly<Record<string, string>> = { SURFACE: 'surface', AIR: 'express' };

/** Delcaper's address block (billing, shipping, pickup and return all take this shape). */
function addressOf(party: PartyAddress): Record<string, string> {
  return {
    name: party.name,
    phone: party.phone,
    email: party.email ?? '',
    address1: party.line1,
    address2: [party.line2, party.landmark].filter(Boolean).join(', '),
    city: party.city,
    state: party.state,
    country: 'India',
    zip: party.pincode,
  };
}

/** An ecomm push-order: weight in grams, amounts in rupees; on COD `amount` is what the courier collects. */
function pushOrderOf(request: BookingRequest): Record<string, unknown> {
  const box = singleBox(request);
  const cod = request.paymentMode === 'cod';
  const units = request.items.reduce((sum, item) => sum + item.quantity, 0) || 1;
  return {
    orderId: request.reference,
    orderSubtype: 'FORWARD',
    currency: 'INR',
    amount: rupees(cod ? request.codAmountPaise : request.declaredValuePaise),
    weight: box.weightGrams,
    length: box.lengthCm,
    width: box.breadthCm,
    height: box.heightCm,
    lineItems: request.items.map((item) => ({
      name: item.name,
      sku: item.sku ?? null,
      quantity: item.quantity,
      unitPrice: rupees(item.unitPricePaise),
      price: rupees(item.unitPricePaise * item.quantity),
      weight: Math.max(1, Math.round(box.weightGrams / units)),
    })),
    paymentType: cod ? 'COD' : 'ONLINE',
    paymentStatus: cod ? 'PENDING' : 'PAID',
    billingAddress: addressOf(request.consignee),
    shippingAddress: addressOf(request.consignee),
    pickupAddress: addressOf(request.pickup),
    returnAddress: addressOf(request.returnAddress),
    deliveryPromise: PROMISE_OF_SERVICE[request.service] ?? 'SURFACE',
  };
}

/** The lane's pincodes and payment type, as serviceability and rate calls take them; on COD `amount` is what is collected. */
function laneOf(query: ServiceabilityQuery, declaredValuePaise = 0): Record<string, unknown> {
  const cod = query.paymentMode === 'cod';
  return { fromPincode: query.originPincode, toPincode: query.destinationPincode, paymentType: cod ? 'COD' : 'ONLINE', amount: rupees(cod ? query.codAmountPaise : declaredValuePaise), weight: Math.round(query.weightGrams) };
}

/**
 * Shree Maruti Courier through its Delcaper seller API: `POST /auth/login` (e-mail, password, vendorType SELLER)
 * gives a bearer access token; orders are pushed under the seller's orderId, tracked by AWB, cancelled by orderId
 * (read back from tracking) and handed over for pickup through a manifest; lanes are checked and priced per delivery
 * promise (SURFACE, AIR), and Delcaper's label is a PDF link from download/label-invoice. Delcaper pushes no scans.
 */
export class MarutiAdapter extends CourierProvider {
  readonly code = 'maruti' as const;
  readonly capabilities: CourierCapabilities = {
    cod: true, reverse: false, multiPiece: false, b2b: false, pickupApi: true, cancel: true, webhookPush: false, trackingPull: true, rateApi: true, serviceabilityApi: true, packageUpdateApi: false, courierLabel: true,
    ndrActions: [],
    limits: { maxWeightGrams: 30_000, maxLengthCm: 120, maxCodPaise: 5_000_000, maxPieces: 1 },
    refusedHandling: ['dangerous_goods', 'liquid'], insurance: false, labelSizes: ['4x6', 'a4'],
  };
  readonly credentialFields = ['email', 'password'] as const;
  readonly sandboxCredentials = { email: 'sandbox@shipcrowd.test', password: 'sandbox-maruti-password' };
  readonly liveBaseUrl = 'https://apis.delcaper.com';

  private readonly session = new BearerSession((call) => this.login(call));

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const body = await this.send(call, call.httpNoRetry, 'POST', `${ORDER}/ecomm/push-order`, pushOrderOf(request));
    const data = fieldsOf(body.data);
    const awb = textOf(data.awbNumber);
    if (!awb) throw new CourierRejected(messageOf(body) ?? 'Shree Maruti returned no AWB', 'maruti', body);
    return { awb, childAwbs: [], sortCode: null, courierShipmentId: textOf(data.shipperOrderId) };
  }

  async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const tracked = new Map<string, TrackingEvent[]>();
    for (const awb of awbs) {
      const order = await this.order(call, awb);
      if (!order) continue;
      const scans = listOf(order.orderStateInfo)
        .map(fieldsOf)
        .flatMap((row) => {
          const state = textOf(row.state);
          return state ? [{ rawCode: state, rawStatus: state, location: textOf(row.location), at: row.createdAt, remarks: textOf(row.remarks) }] : [];
        });
      tracked.set(awb, trackingEvents(awb, marutiStatus, scans));
    }
    return tracked;
  }

  override async cancel(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    const orderId = textOf((await this.order(call, awb))?.orderId);
    if (!orderId) throw new CourierRejected(`Shree Maruti does not know AWB ${awb}`, 'maruti');
    try {
      const body = await this.send(call, call.http, 'PUT', `${ORDER}/cancel-order`, { orderId, cancelReason: 'Cancelled by seller' });
      return { cancelled: true, message: messageOf(body) ?? null };
    } catch (error) {
      if (error instanceof CourierRejected) return { cancelled: false, message: error.message };
      throw error;
    }
  }

  override async requestPickup(call: CourierCall, request: PickupRequest): Promise<PickupResult> {
    const body = await this.send(call, call.httpNoRetry, 'POST', `${ORDER}/create-manifest`, { awbNumber: request.awbs });
    const manifestId = textOf(fieldsOf(body.data).manifestId);
    if (!manifestId) throw new CourierRejected(messageOf(body) ?? 'Shree Maruti created no manifest', 'maruti', body);
    // A manifest carries no date: the courier collects on its pickup run, which Shipcrowd asked for at this time.
    const scheduled = parseIndiaTime(`${request.pickupDate} ${request.pickupTime}`) ?? new Date();
    return { pickupId: manifestId, scheduledFor: scheduled.toISOString() };
  }

  override async serviceability(call: CourierCall, query: ServiceabilityQuery): Promise<CourierServiceability> {
    const body = await this.send(call, call.http, 'POST', `${ORDER}/check-ecomm-order-serviceability`, laneOf(query));
    const data = fieldsOf(body.data);
    const services = listOf(data.deliveryPromises).flatMap((promise) => SERVICE_OF_PROMISE[textOf(promise) ?? ''] ?? []);
    const serviceable = data.serviceable === true && services.length > 0;
    const days = Number(fieldsOf(data.estimatedDays)[PROMISE_OF_SERVICE[services[0]]]);
    return {
      serviceable,
      prepaid: data.prepaid === true,
      cod: data.cod === true,
      pickup: data.pickup === true,
      reverse: false,
      oda: false,
      services: serviceable ? services : [],
      expectedTransitDays: serviceable && Number.isInteger(days) && days > 0 ? days : null,
      reason: serviceable ? null : (messageOf(body) ?? 'Shree Maruti does not serve this lane'),
    };
  }

  /** The rate card per delivery promise (one when the query names a service): grams, cm, rupees; paise back. */
  override async rates(call: CourierCall, query: RateQuery): Promise<CourierRate[]> {
    const promise = query.service ? PROMISE_OF_SERVICE[query.service] : undefined;
    if (query.service && !promise) throw new CourierRejected(`Shree Maruti has no service '${query.service}'`, 'maruti');
    const lane = { ...laneOf(query, query.declaredValuePaise), length: query.lengthCm, width: query.breadthCm, height: query.heightCm, ...(promise ? { deliveryPromise: promise } : {}) };
    const body = await this.send(call, call.http, 'POST', `${ORDER}/rate-card/calculate-rate/ecomm`, lane);
    return listOf(body.data)
      .map(fieldsOf)
      .flatMap((row) => {
        const service = SERVICE_OF_PROMISE[textOf(row.deliveryPromise) ?? ''];
        const total = paiseFromRupees(row.totalCharge);
        const [weight, tat] = [Number(row.chargeableWeight), Number(row.tat)];
        if (!service || total === null) return [];
        return [{
          service,
          totalPaise: total,
          freightPaise: paiseFromRupees(row.freightCharge),
          codChargePaise: paiseFromRupees(row.codCharge),
          gstPaise: paiseFromRupees(row.gst),
          chargeableWeightGrams: weight > 0 ? Math.round(weight) : null,
          expectedTransitDays: Number.isInteger(tat) && tat > 0 ? tat : null,
        }];
      });
  }

  /** download/label-invoice wants both AWB numbers; the consignee copy's (cAwbNumber) is read back from tracking. */
  override async courierLabel(call: CourierCall, awb: string): Promise<Buffer> {
    const order = await this.order(call, awb);
    if (!order) throw new CourierRejected(`Shree Maruti does not know AWB ${awb}`, 'maruti');
    const body = await this.send(call, call.http, 'GET', withQuery(`${ORDER}/download/label-invoice`, { awbNumber: awb, cAwbNumber: textOf(order.cAwbNumber) }));
    const link = textOf(fieldsOf(body.data).labelUrl);
    if (!link) throw new CourierRejected(messageOf(body) ?? `Shree Maruti gave no label link for ${awb}`, 'maruti', body);
    return fetchLabelPdf(call, link, 'Shree Maruti');
  }

  parseWebhook(): TrackingEvent[] {
    throw new WebhookUnauthenticated('Shree Maruti does not push scans: Shipcrowd pulls order-tracking');
  }

  private async login(call: CourierCall): Promise<{ token: string; expiresInSeconds: number }> {
    const result = await requestJson(call.http, 'POST', `${call.baseUrl}/auth/login`, {
      body: { email: call.credentials.email, password: call.credentials.password, vendorType: 'SELLER' },
    });
    const token = textOf(fieldsOf(fieldsOf(expectOk(result, 'Shree Maruti', messageOf)).data).accessToken);
    if (!token) throw new CourierAuthFailed('Shree Maruti issued no access token');
    return { token, expiresInSeconds: ACCESS_TOKEN_SECONDS };
  }

  private send(call: CourierCall, http: ResilientHttp, method: HttpMethod, path: string, body?: unknown): Promise<Record<string, unknown>> {
    return bearerJson(this.session, call, { http, method, url: `${call.baseUrl}${path}`, body }, (result) => fieldsOf(expectOk(result, 'Shree Maruti', messageOf)));
  }

  /** order-tracking's `data` for an AWB, or null when Delcaper has no such order (404). */
  private order(call: CourierCall, awb: string): Promise<Record<string, unknown> | null> {
    const url = `${call.baseUrl}${ORDER}/order-tracking/${encodeURIComponent(awb)}`;
    return bearerJson(this.session, call, { http: call.http, method: 'GET', url }, (result) =>
      result.status === 404 ? null : fieldsOf(fieldsOf(expectOk(result, 'Shree Maruti', messageOf)).data),
    );
  }
}
