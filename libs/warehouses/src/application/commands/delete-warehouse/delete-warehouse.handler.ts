import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { WarehouseRepository } from '../../../domain/warehouse.repository';
import { companyScope } from '../../actor';
import { auditSnapshot, loadWarehouse, WarehousesAudit } from '../../warehouses-support';
import { DeleteWarehouse } from './delete-warehouse.command';

@CommandHandler(DeleteWarehouse)
export class DeleteWarehouseHandler implements ICommandHandler<DeleteWarehouse, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: WarehouseRepository,
    private readonly audit: WarehousesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, warehouseId }: DeleteWarehouse): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      await this.repo.lockCompany(actor.companyId);
      const warehouse = await loadWarehouse(this.repo, actor.companyId, warehouseId);
      const before = auditSnapshot(warehouse);
      const others = (await this.repo.count(actor.companyId)) - 1;
      warehouse.remove(others, this.clock.now());
      await this.repo.save(warehouse);
      await this.audit.record(actor, 'warehouses.deleted', warehouse.id, before, null);
    });
  }
}
