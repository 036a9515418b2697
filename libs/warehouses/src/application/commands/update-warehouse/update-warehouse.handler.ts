import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { checkWarehouseInput, invalidWarehouse, WarehouseInput } from '../../../domain/warehouse';
import { WarehouseRepository } from '../../../domain/warehouse.repository';
import { companyScope } from '../../actor';
import { auditSnapshot, codeTaken, loadWarehouse, PincodeDirectory, WarehousesAudit } from '../../warehouses-support';
import { UpdateWarehouse } from './update-warehouse.command';

@CommandHandler(UpdateWarehouse)
export class UpdateWarehouseHandler implements ICommandHandler<UpdateWarehouse, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: WarehouseRepository,
    private readonly directory: PincodeDirectory,
    private readonly audit: WarehousesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, warehouseId, patch, expectedVersion }: UpdateWarehouse): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      const warehouse = await loadWarehouse(this.repo, actor.companyId, warehouseId, expectedVersion);
      const p = warehouse.props;
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<WarehouseInput>;
      const merged: WarehouseInput = { ...p, ...defined, operatingHours: defined.operatingHours ?? {} };
      const facts = merged.pincode === p.pincode ? p : await this.directory.facts(merged.pincode);
      const { details, errors } = checkWarehouseInput(merged, facts, p.operatingHours);
      if (!details) throw invalidWarehouse(errors);
      if (details.code !== p.code && (await this.repo.findByCode(actor.companyId, details.code))) throw codeTaken(details.code);
      const before = auditSnapshot(warehouse);
      warehouse.describe(details, this.clock.now());
      await this.repo.save(warehouse);
      await this.audit.record(actor, 'warehouses.updated', warehouse.id, before, auditSnapshot(warehouse));
    });
  }
}
