import type { SimRequest, SimResponse } from '../http-simulator';
import type { StepCodes } from './parcel-book';
import { ok, PanelCourier, PanelSettings, refuse, ShippingPanelSimulator } from './sim-shipping-panel';

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

/** The couriers a NimbusPost account ships with, and their base rupees per 500 g. */
export const NIMBUSPOST_SIM_COURIERS: readonly PanelCourier[] = [
  { id: '1', name: 'Delhivery Surface', perSlab: 38 },
  { id: '2', name: 'Xpressbees Surface', perSlab: 35 },
  { id: '3', name: 'Delhivery Air', perSlab: 62 },
  { id: '4', name: 'Ekart Air', perSlab: 70 },
];

const NIMBUSPOST_PANEL: PanelSettings = {
  paths: { login: '/v1/users/login', serviceability: '/v1/courier/serviceability', shipments: '/v1/shipments', track: '/v1/shipments/track', cancel: '/v1/shipments/cancel', manifest: '/v1/shipments/manifest', ndr: '/v1/ndr/action' },
  awbPrefix: '5930', awbLength: 14, codes: NIMBUSPOST_SIM_CODES, signatureHeader: 'x-nimbus-signature',
  hubs: ['Bengaluru Origin Hub', 'Bhiwandi Mother Hub', 'Mumbai Destination Hub'],
  couriers: NIMBUSPOST_SIM_COURIERS,
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
    if (request.method === 'POST' && request.path === '/v1/shipments/track/bulk') {
      const awbs = (request.json as { awb?: unknown } | undefined)?.awb;
      if (!Array.isArray(awbs) || awbs.length === 0) return refuse('The awb field is required.');
      return ok(awbs.flatMap((awb) => (this.parcels.get(String(awb)) ? [this.trackingOf(this.parcels.get(String(awb))!)] : [])));
    }
    return null;
  }
}
