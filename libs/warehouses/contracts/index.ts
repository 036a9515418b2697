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
  active: boolean;
}

export interface WarehousesFacade {
  /** Null when the warehouse does not exist or belongs to another company. */
  get(companyId: string, warehouseId: string): Promise<WarehouseView | null>;
  byCode(companyId: string, code: string): Promise<WarehouseView | null>;
  defaultOf(companyId: string): Promise<WarehouseView | null>;
}

export const WAREHOUSES_FACADE = Symbol('WarehousesFacade');
