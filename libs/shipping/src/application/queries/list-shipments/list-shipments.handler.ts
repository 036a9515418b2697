import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { and, desc, eq, gte, inArray, lt, or, SQL, sql } from 'drizzle-orm';
import { Page, toPage, UnitOfWork } from '@shipcrowd/platform';
import { shipments } from '../../../infrastructure/persistence/shipping.schema';
import { ListShipments } from './list-shipments.query';

export const shipmentSummaryColumns = {
  id: shipments.id,
  orderId: shipments.orderId,
  orderNumber: shipments.orderNumber,
  reference: shipments.reference,
  courier: shipments.courier,
  service: shipments.service,
  awb: shipments.awb,
  childAwbs: shipments.childAwbs,
  status: shipments.status,
  statusAt: shipments.statusAt,
  paymentMode: shipments.paymentMode,
  codAmountPaise: shipments.codAmountPaise,
  chargeableWeightGrams: shipments.chargeableWeightGrams,
  charges: shipments.charges,
  expectedDeliveryDate: shipments.expectedDeliveryDate,
  failure: shipments.failure,
  createdAt: shipments.createdAt,
};

export type ShipmentSummary = { [K in keyof typeof shipmentSummaryColumns]: (typeof shipments.$inferSelect)[K] };

/** Newest first, keyset-paginated on (created_at, id). */
@QueryHandler(ListShipments)
export class ListShipmentsHandler implements IQueryHandler<ListShipments, Page<ShipmentSummary>> {
  constructor(private readonly uow: UnitOfWork) {}

  execute({ companyId, filters: f, limit, cursor }: ListShipments): Promise<Page<ShipmentSummary>> {
    const where: (SQL | undefined)[] = [];
    if (f.status?.length) where.push(inArray(shipments.status, f.status as never[]));
    if (f.courier) where.push(eq(shipments.courier, f.courier));
    if (f.orderId) where.push(eq(shipments.orderId, f.orderId));
    if (f.from) where.push(gte(shipments.createdAt, f.from));
    if (f.to) where.push(lt(shipments.createdAt, f.to));
    if (f.q) {
      const q = f.q.trim().toUpperCase();
      where.push(or(eq(shipments.awb, q), sql`upper(${shipments.orderNumber}) = ${q}`, sql`upper(${shipments.reference}) = ${q}`));
    }
    if (cursor) where.push(sql`(${shipments.createdAt}, ${shipments.id}) < (${new Date(cursor.createdAt)}, ${cursor.id}::uuid)`);
    return this.uow.run({ companyId }, async (tx) => {
      const rows = await tx
        .select(shipmentSummaryColumns)
        .from(shipments)
        .where(and(...where))
        .orderBy(desc(shipments.createdAt), desc(shipments.id))
        .limit(limit + 1);
      return toPage(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
    });
  }
}
