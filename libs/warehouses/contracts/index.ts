/** What other contexts may use of the warehouses context (a company's pickup locations). */

export interface WarehouseView {
  id: string;
  companyId: string;
  name: string;
  /** Company-unique short code, e.g. 'BLR-1'. */
  code: string;
  pincode: string;
  city: string;
  state: string;
  gstStateCode: string;
  addressLine1: string;
  addressLine2: string | null;
  contactName: string;
  contactPhone: string;
  isDefault: boolean;
  /** False when deactivated or deleted: no new orders should ship from it. */
  active: boolean;
  /** Added by the warehouses context (optional for compatibility): */
  landmark?: string | null;
  contactEmail?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  /** GSTIN registered at this location, if any. */
  gstin?: string | null;
  /** Opening hours per weekday (local time, 24-hour HH:MM); pickups are scheduled inside them. */
  operatingHours?: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', { closed: true } | { closed: false; open: string; close: string }>;
  /** True for a soft-deleted warehouse (still returned by get() so old orders can show where they shipped from). */
  deleted?: boolean;
}

export interface WarehousesFacade {
  /** Null when the warehouse does not exist or belongs to another company. */
  get(companyId: string, warehouseId: string): Promise<WarehouseView | null>;
  byCode(companyId: string, code: string): Promise<WarehouseView | null>;
  defaultOf(companyId: string): Promise<WarehouseView | null>;
  /**
   * Added by the warehouses context: the orders context calls this (inside its own unit of work, same transaction)
   * when orders name warehouses, so a used warehouse can be deactivated but no longer deleted. Optional to call.
   */
  markUsed?(companyId: string, warehouseIds: string[]): Promise<void>;
}

export const WAREHOUSES_FACADE = Symbol('WarehousesFacade');
