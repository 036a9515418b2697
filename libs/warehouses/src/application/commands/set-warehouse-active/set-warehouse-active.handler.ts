import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { WarehouseRepository } from '../../../domain/warehouse.repository';
import { companyScope } from '../../actor';
import { loadWarehouse, WarehousesAudit } from '../../warehouses-support';
import { SetWarehouseActive } from './set-warehouse-active.command';

@CommandHandler(SetWarehouseActive)
export class SetWarehouseActiveHandler implements ICommandHandler<SetWarehouseActive, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: WarehouseRepository,
    private readonly audit: WarehousesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, warehouseId, active, expectedVersion }: SetWarehouseActive): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      const warehouse = await loadWarehouse(this.repo, actor.companyId, warehouseId, expectedVersion);
      if (warehouse.props.active === active) return;
      if (active) warehouse.activate(this.clock.now());
      else warehouse.deactivate(this.clock.now());
      await this.repo.save(warehouse);
      await this.audit.record(actor, active ? 'warehouses.activated' : 'warehouses.deactivated', warehouse.id, { active: !active }, { active });
    });
  }
}
