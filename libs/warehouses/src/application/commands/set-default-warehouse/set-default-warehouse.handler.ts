import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { WarehouseRepository } from '../../../domain/warehouse.repository';
import { companyScope } from '../../actor';
import { loadWarehouse, WarehousesAudit } from '../../warehouses-support';
import { SetDefaultWarehouse } from './set-default-warehouse.command';

@CommandHandler(SetDefaultWarehouse)
export class SetDefaultWarehouseHandler implements ICommandHandler<SetDefaultWarehouse, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: WarehouseRepository,
    private readonly audit: WarehousesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, warehouseId }: SetDefaultWarehouse): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      await this.repo.lockCompany(actor.companyId);
      const target = await loadWarehouse(this.repo, actor.companyId, warehouseId);
      if (target.props.isDefault) return;
      const now = this.clock.now();
      const previous = await this.repo.findDefault(actor.companyId);
      target.makeDefault(now);
      if (previous) {
        previous.yieldDefault(now);
        await this.repo.save(previous);
      }
      await this.repo.save(target);
      await this.audit.record(actor, 'warehouses.default_changed', target.id, { defaultWarehouse: previous?.code ?? null }, { defaultWarehouse: target.code });
    });
  }
}
