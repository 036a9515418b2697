import type { HttpResult } from '@shipcrowd/platform';
import { courierService } from '../../../../contracts';
import type { BookingRequest, BookingResult, CourierCapabilities, TrackingEvent } from '../../../../contracts';
import { CourierCall, CourierProvider, CourierRejected, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { collectablePaise, singleBox, volumetricWeightGrams } from '../shared/booking-fields';
import { fieldsOf, requestJson, textOf } from '../shared/json-http';
import { trackingEvents } from '../shared/tracking-events';
import { expectOk, kilograms, rupees } from '../shared/wire';
import { intargosStatus } from './intargos.status-map';

/** Intargos answers `{status: "true"|"false", response: <message>, ...}`; the status comes as text or boolean. */
function accepted(body: Record<string, unknown>): boolean {
  return body.status === true || body.status === 'true';
}

const messageOf = (body: unknown): string | undefined => textOf(fieldsOf(body).response) ?? undefined;

const money = (paise: number): string => rupees(paise).toFixed(2);

/**
 * Intargos (aggregator, app.intargos.com): a static `signature` key header on every call, JSON bodies, and one
 * POST per operation (CreateOrder, CancelOrder, ShipmentSummary). It does not push scans and offers no pickup or
 * NDR calls to integrators, so tracking is pulled. See README.md for what is documented and what is modelled.
 */
export class IntargosAdapter extends CourierProvider {
  readonly code = 'intargos' as const;
  readonly capabilities: CourierCapabilities = {
    cod: true, reverse: false, multiPiece: false, b2b: false, pickupApi: false, cancel: true, webhookPush: false, trackingPull: true, rateApi: false, serviceabilityApi: false, packageUpdateApi: false, courierLabel: false,
    ndrActions: [],
    limits: { maxWeightGrams: 30_000, maxLengthCm: 120, maxCodPaise: 5_000_000, maxPieces: 1 },
    refusedHandling: ['dangerous_goods'], insurance: false, labelSizes: ['4x6'],
  };
  readonly credentialFields = ['signature'] as const;
  readonly sandboxCredentials = { signature: 'SANDBOXINTARGOSSIGNATUREKEY01' };
  readonly liveBaseUrl = 'https://app.intargos.com';

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const body = await this.post(call, 'CreateOrder', this.orderPayload(request), true);
    const waybill = textOf(body.waybill);
    if (!accepted(body) || !waybill) throw new CourierRejected(messageOf(body) ?? 'Intargos did not create the order', 'intargos', body);
    return { awb: waybill, childAwbs: [], sortCode: null, courierShipmentId: textOf(body.intargos_orderid) };
  }

  async track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const tracked = new Map<string, TrackingEvent[]>();
    for (const awb of awbs) {
      const body = await this.post(call, 'ShipmentSummary', { waybill: awb });
      if (!accepted(body)) continue;
      tracked.set(awb, trackingEvents(awb, intargosStatus, this.scansOf(body)));
    }
    return tracked;
  }

  override async cancel(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    const body = await this.post(call, 'CancelOrder', { waybill: awb, reason: 'Cancelled by seller' });
    return { cancelled: accepted(body), message: messageOf(body) ?? null };
  }

  parseWebhook(): TrackingEvent[] {
    throw new WebhookUnauthenticated('Intargos does not push scans: Shipcrowd pulls ShipmentSummary');
  }

  private async post(call: CourierCall, operation: string, payload: unknown, once = false): Promise<Record<string, unknown>> {
    const http = once ? call.httpNoRetry : call.http;
    const result: HttpResult = await requestJson(http, 'POST', `${call.baseUrl}/api/${operation}`, {
      body: payload,
      headers: { signature: call.credentials.signature ?? '' },
    });
    return fieldsOf(expectOk(result, 'Intargos', messageOf));
  }

  private orderPayload(request: BookingRequest): Record<string, unknown> {
    const box = singleBox(request);
    const { consignee } = request;
    const divisor = courierService('intargos', request.service)?.volumetricDivisor ?? 5000;
    return {
      consignee_name: consignee.name,
      consignee_mobile: consignee.phone,
      consignee_phone: '',
      consignee_emailid: consignee.email ?? '',
      consignee_address1: consignee.line1,
      consignee_address2: [consignee.line2, consignee.landmark].filter(Boolean).join(', '),
      address_type: 'Home',
      consignee_pincode: consignee.pincode,
      consignee_city: consignee.city,
      consignee_state: consignee.state,
      consignee_country: 'India',
      invoice_number: request.reference,
      payment_mode: request.paymentMode === 'cod' ? 'COD' : 'Prepaid',
      express_type: 'surface',
      is_ndd: '0',
      order_amount: money(request.declaredValuePaise),
      tax_amount: '0',
      extra_charges: '0',
      total_amount: money(request.declaredValuePaise),
      cod_amount: money(collectablePaise(request)),
      shipment_weight: String(kilograms(box.weightGrams)),
      shipment_length: String(box.lengthCm),
      shipment_width: String(box.breadthCm),
      shipment_height: String(box.heightCm),
      volumetric_weight: String(kilograms(volumetricWeightGrams(box, divisor))),
      pick_address_id: request.pickup.warehouseCode,
      return_address_id: request.pickup.warehouseCode,
      products: request.items.map((item) => ({
        product_name: item.name,
        product_category: '',
        product_description: request.productDescription,
        product_sku: item.sku ?? '',
        product_hsnsac: item.hsnCode ?? '',
        product_quantity: String(item.quantity),
        product_value: money(item.unitPricePaise * item.quantity),
        product_taxper: 0,
      })),
    };
  }

  /** The scan rows, or the one-line summary when Intargos has no rows yet. */
  private scansOf(body: Record<string, unknown>) {
    const rows = Array.isArray(body.scans) ? body.scans.map(fieldsOf) : [];
    const summary = fieldsOf(body.summary);
    const source = rows.length
      ? rows.map((row) => ({ status: row.Status, location: row.Location, at: row.DateandTime, remark: row.Remark }))
      : [{ status: summary.status, location: summary.location, at: summary.lastscanned, remark: summary.remark }];
    return source.flatMap((row) => {
      const status = textOf(row.status);
      return status ? [{ rawCode: status, rawStatus: status, location: textOf(row.location), at: row.at, remarks: textOf(row.remark) }] : [];
    });
  }
}
