import type { StepCodes } from './parcel-book';
import { PanelCourier, PanelSettings, PanelShipment, ShippingPanelSimulator } from './sim-shipping-panel';

export interface XpressbeesSimulatorOptions {
  email: string;
  password: string;
}

/** Xpressbees' own scan codes, as its shipment history and webhooks carry them. */
export const XPRESSBEES_SIM_CODES: StepCodes = {
  manifested: { code: 'DRC', text: 'Data Received' },
  pickup_scheduled: { code: 'OFP', text: 'Out For Pickup' },
  picked_up: { code: 'PKD', text: 'Picked' },
  in_transit: { code: 'IT', text: 'In Transit' },
  out_for_delivery: { code: 'OFD', text: 'Out For Delivery' },
  ndr: { code: 'UD', text: 'Undelivered' },
  delivered: { code: 'DLVD', text: 'Delivered' },
  rto_initiated: { code: 'RTON', text: 'RTO Notified' },
  rto_in_transit: { code: 'RTO', text: 'RTO In Transit' },
  rto_delivered: { code: 'RTD', text: 'RTO Delivered' },
  lost: { code: 'LOST', text: 'Shipment Lost' },
  cancelled: { code: 'CAN', text: 'Cancelled' },
};

/** courier_id values of an Xpressbees shipping account (its `GET /api/courier` list), with base rupees per 500 g. */
export const XPRESSBEES_SIM_COURIERS: readonly PanelCourier[] = [
  { id: '1', name: 'Xpressbees Surface', perSlab: 32 },
  { id: '6', name: 'Xpressbees Air', perSlab: 58 },
];

const XPRESSBEES_PANEL: PanelSettings = {
  paths: { login: '/api/users/login', serviceability: '/api/courier/serviceability', shipments: '/api/shipments2', track: '/api/shipments2/track', cancel: '/api/shipments2/cancel', manifest: '/api/shipments2/manifest', ndr: '/api/ndr/create' },
  awbPrefix: '1423', awbLength: 15, codes: XPRESSBEES_SIM_CODES, couriers: XPRESSBEES_SIM_COURIERS,
  hubs: ['Bangalore Hoskote Hub', 'Nagpur Gateway', 'Mumbai Andheri DC'], signatureHeader: 'x-xpressbees-signature',
};

/**
 * Xpressbees' shipping API (shipment.xpressbees.com): `POST /api/users/login`, `POST /api/courier/serviceability`
 * (quotes per courier), `POST /api/shipments2` (courier_id required, COD needs collectable_amount), `GET /api/shipments2/track/{awb}`, `POST /api/shipments2/cancel`,
 * `POST /api/shipments2/manifest` (books the pickup), `POST /api/ndr/create`; 15-digit AWBs.
 */
export class XpressbeesSimulator extends ShippingPanelSimulator {
  readonly prefix = 'xpressbees';

  constructor(options: XpressbeesSimulatorOptions) {
    super({ ...options, ...XPRESSBEES_PANEL });
  }

  protected override extraRefusal(shipment: PanelShipment): string | null {
    if (shipment.courier_id === undefined) return 'The courier id field is required.';
    if (shipment.payment_type === 'cod' && !(Number(shipment.collectable_amount) > 0)) return 'The collectable amount field is required when payment type is cod.';
    return null;
  }
}
