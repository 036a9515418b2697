import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { desc, lt } from 'drizzle-orm';
import { Page, toPage, UnitOfWork } from '@shipcrowd/platform';
import type { PickupView } from '../../commands/request-pickup/request-pickup.command';
import { pickups } from '../../../infrastructure/persistence/shipping.schema';
import { ListPickups } from './list-pickups.query';

@QueryHandler(ListPickups)
export class ListPickupsHandler implements IQueryHandler<ListPickups, Page<PickupView>> {
  constructor(private readonly uow: UnitOfWork) {}

  execute({ companyId, limit, before }: ListPickups): Promise<Page<PickupView>> {
    return this.uow.run({ companyId }, async (tx) => {
      const rows = await tx
        .select({
          id: pickups.id,
          warehouseId: pickups.warehouseId,
          courier: pickups.courier,
          pickupDate: pickups.pickupDate,
          pickupTime: pickups.pickupTime,
          slotReason: pickups.slotReason,
          courierPickupId: pickups.courierPickupId,
          shipmentIds: pickups.shipmentIds,
          createdAt: pickups.createdAt,
        })
        .from(pickups)
        .where(before ? lt(pickups.createdAt, before) : undefined)
        .orderBy(desc(pickups.createdAt))
        .limit(limit + 1);
      return toPage(rows, limit, (r) => ({ before: r.createdAt.toISOString() }));
    });
  }
}
