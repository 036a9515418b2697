import type { Warehouse } from './warehouse';

/** Saves and loads warehouses inside the open unit of work (RLS scopes every call to one company). */
export abstract class WarehouseRepository {
  /** Null when missing, deleted or another company's. */
  abstract find(companyId: string, id: string): Promise<Warehouse | null>;
  abstract findByCode(companyId: string, code: string): Promise<Warehouse | null>;
  abstract findDefault(companyId: string): Promise<Warehouse | null>;
  /** Warehouses not deleted. */
  abstract count(companyId: string): Promise<number>;
  abstract listAll(companyId: string): Promise<Warehouse[]>;
  /** Serialises writers of one company's warehouses (default switch, limit, import) until the transaction ends. */
  abstract lockCompany(companyId: string): Promise<void>;
  abstract insert(warehouse: Warehouse): Promise<void>;
  /** Optimistic: 409 when the row moved past `warehouse.version`. */
  abstract save(warehouse: Warehouse): Promise<void>;
}
