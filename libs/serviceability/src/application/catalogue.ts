import { COURIERS, courierService } from '@shipcrowd/couriers/contracts';
import type { ServiceCatalogue } from '../domain/coverage';
import type { LaneService } from '../domain/serviceability-rules';

/** The couriers context's catalogue, as serviceability uses it. */
export const catalogue: ServiceCatalogue = (courier, service) => (!COURIERS.some((c) => c.code === courier) ? 'unknown_courier' : courierService(courier, service) ? 'ok' : 'unknown_service');

/** Services in display order; b2b true = freight only, false = parcels only, undefined = all. */
const servicesWhere = (b2b?: boolean): readonly LaneService[] => COURIERS.flatMap((c) => c.services.filter((s) => b2b === undefined || s.b2b === b2b).map((s) => ({ courier: c.code, service: s.code })));
const SERVICES = { all: servicesWhere(), b2b: servicesWhere(true), parcel: servicesWhere(false) };

export function catalogueServices(b2b?: boolean): readonly LaneService[] {
  return b2b === undefined ? SERVICES.all : b2b ? SERVICES.b2b : SERVICES.parcel;
}

export function isKnownCourier(code: string): boolean {
  return COURIERS.some((c) => c.code === code);
}
