import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { and, arrayOverlaps, desc, eq, gte, inArray, isNotNull, isNull, lt, SQL, sql } from 'drizzle-orm';
import { UnitOfWork } from '@shipcrowd/platform';
import { normalizeIndianPhone } from '../../../domain/order-spec';
import { orders } from '../../../infrastructure/persistence/orders.schema';
import { ListOrders, OrderFilters } from './list-orders.query';

export const orderSummaryColumns = {
  id: orders.id,
  orderNumber: orders.orderNumber,
  status: orders.status,
  channel: orders.channel,
  channelOrderId: orders.channelOrderId,
  type: orders.type,
  paymentMode: orders.paymentMode,
  orderDate: orders.orderDate,
  buyerName: orders.buyerName,
  buyerPhone: orders.buyerPhone,
  buyerEmail: orders.buyerEmail,
  shippingAddress: orders.shippingAddress,
  items: orders.items,
  totalWeightGrams: orders.totalWeightGrams,
  totalPaise: orders.totalPaise,
  codAmountPaise: orders.codAmountPaise,
  warehouseId: orders.warehouseId,
  tags: orders.tags,
  awb: orders.awb,
  duplicateOf: orders.duplicateOf,
  addressScore: orders.addressScore,
  importId: orders.importId,
  createdAt: orders.createdAt,
};

export type OrderSummaryRow = { [K in keyof typeof orderSummaryColumns]: (typeof orders.$inferSelect)[K] };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Prefix full-text query: every word must start a token ('asha 98765' → 'asha:* & 98765:*'). */
export function prefixTsQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[&|!():*<>'\\"]/g, ''))
    .filter(Boolean);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** '+91 98765' / '098765' / '98765' → '98765': the national digits a stored phone starts with. */
export function phonePrefix(q: string): string | null {
  if (!/^\+?\d[\d\s-]{2,}$/.test(q)) return null;
  const digits = q.replace(/\D/g, '');
  return q.startsWith('+91') ? digits.slice(2) : q.startsWith('0') ? digits.slice(1) : digits;
}

export function orderFilterSql(f: OrderFilters): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (f.status?.length) where.push(inArray(orders.status, f.status));
  if (f.from) where.push(gte(orders.createdAt, f.from));
  if (f.to) where.push(lt(orders.createdAt, f.to));
  if (f.paymentMode) where.push(eq(orders.paymentMode, f.paymentMode));
  if (f.warehouseId) where.push(eq(orders.warehouseId, f.warehouseId));
  if (f.channel) where.push(eq(orders.channel, f.channel.toLowerCase()));
  if (f.tags?.length) where.push(arrayOverlaps(orders.tags, f.tags.map((t) => t.toLowerCase())));
  if (f.type) where.push(eq(orders.type, f.type));
  if (f.duplicate !== undefined) where.push(f.duplicate ? isNotNull(orders.duplicateOf) : isNull(orders.duplicateOf));
  if (f.importId) where.push(eq(orders.importId, f.importId));
  if (f.q?.trim()) {
    const q = f.q.trim();
    const alternatives: SQL[] = [sql`${orders.orderNumber} like ${escapeLike(q) + '%'}`, sql`${orders.awb} = ${q}`];
    const tsq = prefixTsQuery(q);
    if (tsq) alternatives.push(sql`${orders.search} @@ to_tsquery('simple', ${tsq})`);
    const phone = normalizeIndianPhone(q) ?? phonePrefix(q);
    if (phone) alternatives.push(sql`${orders.buyerPhone} like ${escapeLike(phone) + '%'}`);
    where.push(sql`(${sql.join(alternatives, sql` or `)})`);
  }
  return and(...where);
}

@QueryHandler(ListOrders)
export class ListOrdersHandler implements IQueryHandler<ListOrders, OrderSummaryRow[]> {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * limit rows (callers ask limit+1 to know whether there is a next page). company_id is named although row-level
   * security filters on it too: only then can the planner walk the (company_id, ...) indexes in created_at order.
   */
  execute({ companyId, filters, limit, after }: ListOrders): Promise<OrderSummaryRow[]> {
    return this.uow.run({ companyId }, async (tx) => {
      const keyset = after ? sql`(${orders.createdAt}, ${orders.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined;
      return tx
        .select(orderSummaryColumns)
        .from(orders)
        .where(and(eq(orders.companyId, companyId), orderFilterSql(filters), keyset))
        .orderBy(desc(orders.createdAt), desc(orders.id))
        .limit(limit);
    });
  }
}
