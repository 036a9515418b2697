import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { checkOrderSettings, OrderSettings } from '../../../domain/order-settings';
import { OrdersStore } from '../../../infrastructure/persistence/orders.store';
import { UpdateOrderSettings } from './update-order-settings.command';

@CommandHandler(UpdateOrderSettings)
export class UpdateOrderSettingsHandler implements ICommandHandler<UpdateOrderSettings, OrderSettings> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, settings }: UpdateOrderSettings): Promise<OrderSettings> {
    const next = checkOrderSettings(settings);
    return this.uow.run({ companyId: actor.companyId }, async (tx) => {
      const before = await this.store.settings(tx, actor.companyId);
      await this.store.putSettings(tx, actor.companyId, next, actor.userId, this.clock.now());
      await this.audit.record({ action: 'orders.settings_updated', companyId: actor.companyId, actorUserId: actor.userId, targetType: 'order_settings', targetId: actor.companyId, before, after: next });
      return next;
    });
  }
}
