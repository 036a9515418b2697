import type { BookingRequest, CourierRate, CourierServiceability, ServiceabilityQuery, TrackingEvent } from '../../../../contracts';
import { WebhookMalformed } from '../../../application/ports/courier-provider';
import { statusMapper } from '../../../domain/status-mapping';
import { positiveWhole } from '../shared/live-quotes';
import { CourierScan, trackingEvents } from '../shared/tracking-events';
import { gramsFromKg, kilograms, paiseFromRupees, rupees } from '../shared/wire';
import { SHIPROCKET_STATUS } from './shiprocket.status-map';

const shiprocketStatus = statusMapper(SHIPROCKET_STATUS);
const text = (value: unknown): string => (value == null ? '' : String(value));

/** Shiprocket words refusals as `message`, with field errors under `errors` (422). */
export function shiprocketMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 300) || undefined;
  const b = (body ?? {}) as { message?: unknown; errors?: Record<string, unknown> };
  const details = Object.values(b.errors ?? {}).flat().map(text).join(' ');
  return [text(b.message), details].filter(Boolean).join(': ') || undefined;
}

/**
 * `POST orders/create/adhoc`: the reference is Shiprocket's `order_id` (its dedupe key), the consignee is billed and
 * shipped to, kg / cm / rupees. Shiprocket has no separate COD field: it collects the order total, so a COD amount
 * below the declared value is expressed as `total_discount`.
 */
export function shiprocketOrder(request: BookingRequest, now: Date): Record<string, unknown> {
  const [box] = request.packages;
  const [firstName, ...rest] = request.consignee.name.trim().split(/\s+/);
  const cod = request.paymentMode === 'cod';
  return {
    order_id: request.reference,
    order_date: new Date(now.getTime() + 5.5 * 3600_000).toISOString().slice(0, 16).replace('T', ' '),
    pickup_location: request.pickup.warehouseCode,
    comment: request.orderNumber,
    billing_customer_name: firstName,
    billing_last_name: rest.join(' '),
    billing_address: request.consignee.line1,
    billing_address_2: [request.consignee.line2, request.consignee.landmark].filter(Boolean).join(', '),
    billing_city: request.consignee.city,
    billing_pincode: request.consignee.pincode,
    billing_state: request.consignee.state,
    billing_country: 'India',
    billing_email: request.consignee.email ?? '',
    billing_phone: request.consignee.phone,
    shipping_is_billing: true,
    order_items: request.items.map((item) => ({ name: item.name, sku: item.sku ?? item.name, units: item.quantity, selling_price: rupees(item.unitPricePaise), discount: '', tax: '', hsn: item.hsnCode ?? '' })),
    payment_method: cod ? 'COD' : 'Prepaid',
    shipping_charges: 0,
    giftwrap_charges: 0,
    transaction_charges: 0,
    total_discount: cod ? rupees(Math.max(0, request.declaredValuePaise - request.codAmountPaise)) : 0,
    sub_total: rupees(request.declaredValuePaise),
    length: box.lengthCm,
    breadth: box.breadthCm,
    height: box.heightCm,
    weight: kilograms(box.weightGrams),
  };
}

interface Activity {
  date?: unknown;
  status?: unknown;
  activity?: unknown;
  location?: unknown;
  'sr-status'?: unknown;
  'sr-status-label'?: unknown;
}

const scanOf = (rawCode: string, rawStatus: string, at: unknown, activity: Activity | undefined): CourierScan => ({
  rawCode,
  rawStatus,
  at,
  location: text(activity?.location),
  remarks: text(activity?.activity),
});

/** Activities come newest first; events are returned oldest first. An activity Shiprocket has not mapped ('NA') keeps the courier's own code. */
export function shiprocketTrackedEvents(awb: string, activities: readonly Activity[] | null | undefined): TrackingEvent[] {
  const scans = [...(activities ?? [])].reverse().map((a) => {
    const srStatus = text(a['sr-status']);
    return scanOf(/^\d+$/.test(srStatus) ? srStatus : text(a.status), text(a['sr-status-label']) || text(a.status), a.date, a);
  });
  return trackingEvents(awb, shiprocketStatus, scans.filter((scan) => scan.rawCode));
}

/** A tracking push: one event, the shipment's current status (its `scans` repeat the history already reported). */
export function shiprocketPushedEvent(body: unknown): TrackingEvent {
  const push = (body ?? {}) as { awb?: unknown; current_status?: unknown; current_status_id?: unknown; current_timestamp?: unknown; scans?: Activity[] };
  // current_timestamp is "DD MM YYYY HH:mm:ss"
  const at = text(push.current_timestamp).replace(/^(\d{2}) (\d{2}) (\d{4})/, '$1-$2-$3');
  const [event] = push.awb && push.current_status_id != null ? trackingEvents(text(push.awb), shiprocketStatus, [scanOf(text(push.current_status_id), text(push.current_status), at, push.scans?.at(-1))]) : [];
  if (!event) throw new WebhookMalformed('Shiprocket push without awb, current_status_id or a readable current_timestamp');
  return event;
}

/** One of `data.available_courier_companies` in a serviceability answer (rupees, kg, days as text). */
export interface LaneCourier {
  courier_company_id: number;
  courier_name?: string;
  is_surface?: boolean;
  /** What Shiprocket will bill, all charges in. */
  rate?: number | string;
  freight_charge?: number | string;
  cod_charges?: number | string;
  charge_weight?: number | string;
  estimated_delivery_days?: number | string;
  /** 1 when the courier collects cash on this lane. */
  cod?: number;
  pickup_availability?: number | string;
}

/** The serviceability call's lane parameters: pincodes, weight in kg, `cod` 0/1. */
export function laneQuery(origin: string, destination: string, grams: number, paymentMode: 'prepaid' | 'cod'): Record<string, string> {
  return { pickup_postcode: origin, delivery_postcode: destination, weight: String(kilograms(grams)), cod: paymentMode === 'cod' ? '1' : '0' };
}

export interface Serviceability {
  data?: { available_courier_companies?: LaneCourier[]; recommended_courier_company_id?: number };
}

/** The courier a booking takes for a service: Shiprocket's recommendation when it is of that mode (air / surface), else the cheapest. */
export function chooseCourier(answer: Serviceability, air: boolean): LaneCourier | undefined {
  const matching = (answer.data?.available_courier_companies ?? []).filter((c) => Boolean(c.is_surface) !== air);
  const rateOf = (c: LaneCourier) => Number(c.rate ?? 0);
  return matching.find((c) => c.courier_company_id === answer.data?.recommended_courier_company_id) ?? [...matching].sort((a, b) => rateOf(a) - rateOf(b))[0];
}

const transitDays = (courier: LaneCourier): number | null => positiveWhole(courier.estimated_delivery_days);

/** A lane answer as Shipcrowd's serviceability: surface and/or express by the couriers' mode, the fastest estimate. */
export function shiprocketLaneAnswer(answer: Serviceability, query: ServiceabilityQuery): CourierServiceability {
  const couriers = answer.data?.available_courier_companies ?? [];
  const services = [...new Set(couriers.map((c) => (c.is_surface ? 'surface' : 'express')))];
  const days = couriers.map(transitDays).filter((d): d is number => d !== null);
  const serviceable = couriers.length > 0;
  return {
    serviceable,
    // Shiprocket lists only COD-capable couriers when asked for COD; prepaid is carried wherever anyone goes.
    prepaid: serviceable,
    cod: couriers.some((c) => Number(c.cod) === 1),
    pickup: couriers.some((c) => String(c.pickup_availability ?? '1') !== '0'),
    reverse: serviceable && query.reverse === true,
    oda: false,
    services,
    expectedTransitDays: days.length ? Math.min(...days) : null,
    reason: serviceable ? null : 'Shiprocket listed no courier for this pincode pair',
  };
}

/** One courier's price as a Shipcrowd rate: rupees to paise, kg to grams; Shiprocket does not break out GST. Null without a rate. */
export function shiprocketRate(service: string, courier: LaneCourier): CourierRate | null {
  const totalPaise = paiseFromRupees(courier.rate);
  if (totalPaise === null) return null;
  return {
    service,
    totalPaise,
    freightPaise: paiseFromRupees(courier.freight_charge),
    codChargePaise: paiseFromRupees(courier.cod_charges),
    gstPaise: null,
    chargeableWeightGrams: gramsFromKg(courier.charge_weight),
    expectedTransitDays: transitDays(courier),
  };
}
