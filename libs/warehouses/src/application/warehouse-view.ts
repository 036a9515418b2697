import type { WarehouseView } from '../../contracts';
import type { OperatingHours } from '../domain/operating-hours';
import type { WarehouseProps } from '../domain/warehouse';

/** A warehouse as the API shows it. */
export interface WarehouseDetailView extends WarehouseView {
  operatingHours: OperatingHours;
  used: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function toWarehouseView(id: string, p: WarehouseProps): WarehouseView {
  return {
    id,
    companyId: p.companyId,
    name: p.name,
    code: p.code,
    pincode: p.pincode,
    city: p.city,
    state: p.state,
    gstStateCode: p.gstStateCode,
    addressLine1: p.addressLine1,
    addressLine2: p.addressLine2,
    landmark: p.landmark,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    contactEmail: p.contactEmail,
    latitude: p.latitude,
    longitude: p.longitude,
    gstin: p.gstin,
    isDefault: p.isDefault,
    active: p.active && !p.deletedAt,
    deleted: p.deletedAt !== null,
    operatingHours: p.operatingHours,
  };
}

export function toWarehouseDetailView(id: string, version: number, p: WarehouseProps): WarehouseDetailView {
  return {
    ...toWarehouseView(id, p),
    operatingHours: p.operatingHours,
    used: p.firstUsedAt !== null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    version,
  };
}
