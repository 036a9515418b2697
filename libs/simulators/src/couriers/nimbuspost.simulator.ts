import type { SimRequest, SimResponse } from '../http-simulator';
import type { StepCodes } from './parcel-book';
import { ok, PanelSettings, refuse, ShippingPanelSimulator } from './sim-shipping-panel';

export interface NimbusPostSimulatorOptions {
  email: string;
  password: string;
}

export const NIMBUSPOST_SIM_CODES: StepCodes = {
  manifested: { code: 'PP', text: 'Pending Pickup' },
  pickup_scheduled: { code: 'OFP', text: 'Out For Pickup' },
  picked_up: { code: 'PU', text: 'Picked Up' },
  in_transit: { code: 'IT', text: 'In Transit' },
  out_for_delivery: { code: 'OFD', text: 'Out For Delivery' },
  ndr: { code: 'EX', text: 'Exception' },
  delivered: { code: 'DL', text: 'Delivered' },
  rto_initiated: { code: 'RT', text: 'RTO' },
  rto_in_transit: { code: 'RT-IT', text: 'RTO In Transit' },
  rto_delivered: { code: 'RT-DL', text: 'RTO Delivered' },
  lost: { code: 'LT', text: 'Lost' },
  cancelled: { code: 'CN', text: 'Cancelled' },
};

/** The couriers a NimbusPost account ships with, and rupees per 500 g they quote. */
export const NIMBUSPOST_SIM_COURIERS: readonly { id: string; name: string; perSlab: number }[] = [
  { id: '1', name: 'Delhivery Surface', perSlab: 38 },
  { id: '2', name: 'Xpressbees Surface', perSlab: 35 },
  { id: '3', name: 'Delhivery Air', perSlab: 62 },
  { id: '4', name: 'Ekart Air', perSlab: 70 },
];

const NIMBUSPOST_PANEL: PanelSettings = {
  paths: { login: '/v1/users/login', shipments: '/v1/shipments', track: '/v1/shipments/track', cancel: '/v1/shipments/cancel', manifest: '/v1/shipments/manifest', ndr: '/v1/ndr/action' },
  awbPrefix: '5930', awbLength: 14, codes: NIMBUSPOST_SIM_CODES, signatureHeader: 'x-nimbus-signature',
  hubs: ['Bengaluru Origin Hub', 'Bhiwandi Mother Hub', 'Mumbai Destination Hub'],
  couriers: Object.fromEntries(NIMBUSPOST_SIM_COURIERS.map((c) => [c.id, c.name])),
};

/**
 * NimbusPost's API v1: `POST /v1/users/login`, `POST /v1/courier/serviceability` (quotes per courier),
 * `POST /v1/shipments` (courier_id from the quote, optional), `GET /v1/shipments/track/{awb}`,
 * `POST /v1/shipments/track/bulk {awb: [...]}`, `POST /v1/shipments/cancel`, `POST /v1/shipments/manifest`,
 * `POST /v1/ndr/action`. AWBs are the underlying courier's (14 digits here).
 */
export class NimbusPostSimulator extends ShippingPanelSimulator {
  readonly prefix = 'nimbuspost';

  constructor(options: NimbusPostSimulatorOptions) {
    super({ ...options, ...NIMBUSPOST_PANEL });
  }

  protected override extraRoute(request: SimRequest): SimResponse | null {
    if (request.method !== 'POST') return null;
    if (request.path === '/v1/courier/serviceability') return this.quote(request.fields);
    if (request.path === '/v1/shipments/track/bulk') {
      const awbs = (request.json as { awb?: unknown } | undefined)?.awb;
      if (!Array.isArray(awbs) || awbs.length === 0) return refuse('The awb field is required.');
      return ok(awbs.flatMap((awb) => (this.parcels.get(String(awb)) ? [this.trackingOf(this.parcels.get(String(awb))!)] : [])));
    }
    return null;
  }

  private quote(fields: Record<string, string>): SimResponse {
    const { origin = '', destination = '' } = fields;
    if (!/^\d{6}$/.test(origin) || !/^\d{6}$/.test(destination)) return refuse('The origin and destination must be 6 digit pincodes.');
    if (destination === '000000') return refuse('No courier is serviceable for this pincode');
    const slabs = Math.max(1, Math.ceil(Number(fields.weight) / 500) || 1);
    const cod = fields.payment_type === 'cod' ? Math.max(30, Math.round(Number(fields.order_amount) * 0.02)) : 0;
    return ok(
      NIMBUSPOST_SIM_COURIERS.map((c) => ({
        id: c.id,
        name: c.name,
        freight_charges: c.perSlab * slabs,
        cod_charges: cod,
        total_charges: c.perSlab * slabs + cod,
        min_weight: 500,
        chargeable_weight: slabs * 500,
      })),
    );
  }
}
