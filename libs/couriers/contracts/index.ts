/**
 * What other contexts may use of the couriers context. For now: the catalogue of couriers Shipcrowd
 * integrates and the services each sells, which serviceability, pricing and orders key their data on.
 * The adapters themselves (booking, tracking, ...) arrive with the ship-it work.
 */

export type CourierCode =
  | 'delhivery'
  | 'delhivery_b2b'
  | 'xpressbees'
  | 'dtdc'
  | 'shiprocket'
  | 'ecom_express'
  | 'nimbuspost'
  | 'intargos'
  | 'smartship'
  | 'maruti'
  | 'om_logistics';

export type ServiceMode = 'surface' | 'air';

export interface CourierService {
  /** Stable key within the courier, e.g. 'surface', 'express'. */
  code: string;
  name: string;
  mode: ServiceMode;
  /** Business-to-business freight (invoice, GSTIN, boxes) rather than parcels. */
  b2b: boolean;
  /** cm³ per kg for volumetric weight (L x B x H / divisor); 5000 unless the courier says otherwise. */
  volumetricDivisor: number;
}

export interface CourierProfile {
  code: CourierCode;
  name: string;
  services: readonly CourierService[];
}

const parcel = (code: string, name: string, mode: ServiceMode, volumetricDivisor = 5000): CourierService => ({ code, name, mode, b2b: false, volumetricDivisor });
const freight = (code: string, name: string, volumetricDivisor = 4500): CourierService => ({ code, name, mode: 'surface', b2b: true, volumetricDivisor });

/** Every courier Shipcrowd integrates, in display order. */
export const COURIERS: readonly CourierProfile[] = [
  { code: 'delhivery', name: 'Delhivery', services: [parcel('surface', 'Delhivery Surface', 'surface'), parcel('express', 'Delhivery Express', 'air')] },
  { code: 'delhivery_b2b', name: 'Delhivery B2B', services: [freight('ptl', 'Delhivery B2B PTL')] },
  { code: 'xpressbees', name: 'Xpressbees', services: [parcel('surface', 'Xpressbees Surface', 'surface'), parcel('express', 'Xpressbees Air', 'air')] },
  { code: 'dtdc', name: 'DTDC', services: [parcel('surface', 'DTDC Ground Express', 'surface'), parcel('express', 'DTDC Priority', 'air')] },
  { code: 'shiprocket', name: 'Shiprocket', services: [parcel('surface', 'Shiprocket Surface', 'surface'), parcel('express', 'Shiprocket Air', 'air')] },
  { code: 'ecom_express', name: 'Ecom Express', services: [parcel('surface', 'Ecom Express Standard', 'surface'), parcel('express', 'Ecom Express Express', 'air')] },
  { code: 'nimbuspost', name: 'NimbusPost', services: [parcel('surface', 'NimbusPost Surface', 'surface'), parcel('express', 'NimbusPost Air', 'air')] },
  { code: 'intargos', name: 'Intargos', services: [parcel('surface', 'Intargos Surface', 'surface')] },
  { code: 'smartship', name: 'SmartShip', services: [parcel('surface', 'SmartShip Surface', 'surface'), parcel('express', 'SmartShip Express', 'air')] },
  { code: 'maruti', name: 'Shree Maruti Courier', services: [parcel('surface', 'Maruti Surface', 'surface'), parcel('express', 'Maruti Air', 'air')] },
  { code: 'om_logistics', name: 'OM Logistics', services: [freight('ptl', 'OM Logistics PTL'), freight('ftl', 'OM Logistics FTL')] },
];

export function courierProfile(code: string): CourierProfile | undefined {
  return COURIERS.find((c) => c.code === code);
}

export function courierService(courier: string, service: string): CourierService | undefined {
  return courierProfile(courier)?.services.find((s) => s.code === service);
}

export function isCourierCode(code: string): code is CourierCode {
  return courierProfile(code) !== undefined;
}
