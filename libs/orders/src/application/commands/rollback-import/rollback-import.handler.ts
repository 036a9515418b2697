import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { CLOCK, Clock, ConcurrencyError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { hasShipped, Order } from '../../../domain/order';
import { chunks, OrdersStore } from '../../../infrastructure/persistence/orders.store';
import { RollbackImport } from './rollback-import.command';

export interface RollbackResult {
  cancelled: number;
  notCancellable: { orderId: string; orderNumber: string; status: string }[];
}

export const IMPORT_ROLLBACK_REASON = 'import rolled back';

/**
 * Cancels every order of an import that has not shipped, in one transaction (bulk UPDATE, one event per order), and
 * frees their order numbers, so the corrected file can be imported again. The cancelled orders keep their numbers
 * for display and search.
 */
@CommandHandler(RollbackImport)
export class RollbackImportHandler implements ICommandHandler<RollbackImport, RollbackResult> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, importId }: RollbackImport): Promise<RollbackResult> {
    return this.uow.run({ companyId: actor.companyId }, async (tx) => {
      await this.store.lockCompany(tx, actor.companyId);
      const now = this.clock.now();
      const cancelled: Order[] = [];
      const notCancellable: RollbackResult['notCancellable'] = [];
      const cancelledBefore: string[] = [];
      for (const order of await this.store.importOrders(tx, actor.companyId, importId)) {
        if (order.state.status === 'cancelled') {
          cancelledBefore.push(order.id);
          continue;
        }
        if (hasShipped(order.state.status)) {
          notCancellable.push({ orderId: order.id, orderNumber: order.state.orderNumber, status: order.state.status });
          continue;
        }
        order.cancel(IMPORT_ROLLBACK_REASON, now, actor.userId);
        cancelled.push(order);
      }
      const updated = await this.store.saveCancelled(tx, cancelled);
      if (updated !== cancelled.length) throw new ConcurrencyError('Import', importId);
      await this.store.releaseNumbers(tx, [...cancelledBefore, ...cancelled.map((o) => o.id)]);
      for (const batch of chunks(cancelled.flatMap((o) => o.pullEvents()), 4000)) await this.uow.publish(batch);
      await this.audit.record({
        action: 'orders.import_rolled_back',
        companyId: actor.companyId,
        actorUserId: actor.userId,
        actorType: actor.userId ? 'user' : 'system',
        targetType: 'order_import',
        targetId: importId,
        metadata: { cancelled: cancelled.length, notCancellable: notCancellable.length },
      });
      return { cancelled: cancelled.length, notCancellable };
    });
  }
}
