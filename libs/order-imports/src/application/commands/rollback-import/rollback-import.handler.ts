import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { DomainError } from '@shipcrowd/kernel';
import { ORDERS_FACADE, OrdersFacade } from '@shipcrowd/orders/contracts';
import { UnitOfWork } from '@shipcrowd/platform';
import { OrderImportsStore } from '../../../infrastructure/persistence/order-imports.store';
import { RollbackOrderImport } from './rollback-import.command';

export interface RollbackOutcome {
  cancelled: number;
  notCancellable: { orderId: string; orderNumber: string; status: string }[];
}

@CommandHandler(RollbackOrderImport)
export class RollbackOrderImportHandler implements ICommandHandler<RollbackOrderImport, RollbackOutcome> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrderImportsStore,
    @Inject(ORDERS_FACADE) private readonly orders: OrdersFacade,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async execute({ actor, importId }: RollbackOrderImport): Promise<RollbackOutcome> {
    const row = await this.store.get(actor.companyId, importId);
    if (!row) throw new DomainError('order_import.not_found', 'No such order import.', 'not_found');
    if (row.status === 'rolled_back') throw new DomainError('import.already_rolled_back', 'This import was already rolled back.', 'conflict');
    // A failed import may still have written orders (valid_only chunks before an interruption): let it be rolled back too.
    if (row.status !== 'completed' && row.status !== 'failed') {
      throw new DomainError('import.not_rollbackable', `An import that is ${row.status} has no orders to roll back.`, 'conflict');
    }
    // Claim it first so two rollbacks cannot both run; the orders context cancels in its own transaction.
    if (!(await this.store.transition(actor.companyId, importId, [row.status], { status: 'rolled_back', rolledBackAt: new Date(), rolledBackBy: actor.userId }))) {
      throw new DomainError('import.already_rolled_back', 'This import was rolled back meanwhile.', 'conflict');
    }
    let result: RollbackOutcome;
    try {
      result = await this.orders.rollbackImport({ companyId: actor.companyId, actorUserId: actor.userId, importId });
    } catch (error) {
      await this.store.update(actor.companyId, importId, { status: row.status, rolledBackAt: null, rolledBackBy: null });
      throw error;
    }
    await this.uow.run({ companyId: actor.companyId, userId: actor.userId }, async () => {
      await this.store.update(actor.companyId, importId, { rollback: result });
      await this.audit.record({
        action: 'order_imports.rolled_back',
        companyId: actor.companyId,
        actorUserId: actor.userId,
        actorType: actor.via === 'api_key' ? 'api_key' : 'user',
        targetType: 'order_import',
        targetId: importId,
        before: { status: row.status, ordersCreated: row.ordersCreated },
        after: { status: 'rolled_back' },
        metadata: { cancelled: result.cancelled, notCancellable: result.notCancellable.length },
      });
    });
    return result;
  }
}
