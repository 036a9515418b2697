import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, newId } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { checkWarehouseInput, invalidWarehouse, MAX_WAREHOUSES_PER_COMPANY, Warehouse } from '../../../domain/warehouse';
import { WarehouseRepository } from '../../../domain/warehouse.repository';
import { companyScope } from '../../actor';
import { auditSnapshot, codeTaken, PincodeDirectory, tooManyWarehouses, WarehousesAudit } from '../../warehouses-support';
import { CreateWarehouse } from './create-warehouse.command';

@CommandHandler(CreateWarehouse)
export class CreateWarehouseHandler implements ICommandHandler<CreateWarehouse, string> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: WarehouseRepository,
    private readonly directory: PincodeDirectory,
    private readonly audit: WarehousesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, input, makeDefault }: CreateWarehouse): Promise<string> {
    const facts = await this.directory.facts(input.pincode ?? '');
    const { details, errors } = checkWarehouseInput(input, facts);
    if (!details) throw invalidWarehouse(errors);
    return this.uow.run(companyScope(actor), async () => {
      await this.repo.lockCompany(actor.companyId);
      const existing = await this.repo.count(actor.companyId);
      if (existing >= MAX_WAREHOUSES_PER_COMPANY) throw tooManyWarehouses(MAX_WAREHOUSES_PER_COMPANY);
      if (await this.repo.findByCode(actor.companyId, details.code)) throw codeTaken(details.code);
      const now = this.clock.now();
      const becomesDefault = existing === 0 || makeDefault;
      if (becomesDefault && existing > 0) {
        const previous = await this.repo.findDefault(actor.companyId);
        if (previous) {
          previous.yieldDefault(now);
          await this.repo.save(previous);
        }
      }
      const warehouse = Warehouse.open(newId(), actor.companyId, details, becomesDefault, now);
      await this.repo.insert(warehouse);
      await this.audit.record(actor, 'warehouses.created', warehouse.id, null, auditSnapshot(warehouse));
      return warehouse.id;
    });
  }
}
