import type { OrderStatus } from '../../../domain/order';

export interface OrderFilters {
  status?: OrderStatus[];
  from?: Date;
  to?: Date;
  paymentMode?: 'prepaid' | 'cod';
  warehouseId?: string;
  channel?: string;
  /** Any of these tags. */
  tags?: string[];
  type?: 'b2c' | 'b2b';
  /** true: only orders flagged as duplicates; false: only the others. */
  duplicate?: boolean;
  importId?: string;
  /** Full text over order number, buyer name, phone, email and AWB (prefix matches). */
  q?: string;
}

/** Newest first; `after` is the last row of the previous page (keyset). */
export class ListOrders {
  constructor(
    readonly companyId: string,
    readonly filters: OrderFilters,
    readonly limit: number,
    readonly after?: { createdAt: string; id: string },
  ) {}
}
