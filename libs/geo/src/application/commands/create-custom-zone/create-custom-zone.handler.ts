import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, DomainError, newId } from '@shipcrowd/kernel';
import { checkCustomZoneFields, CustomZoneFields, definedOnly, MAX_CUSTOM_ZONES } from '../../../domain/custom-zone';
import type { CustomZoneRow } from '../../../infrastructure/persistence/custom-zone-store';
import { auditSnapshot, CustomZoneView, customZoneView, CustomZoneWrites } from '../../custom-zones';
import { CreateCustomZone } from './create-custom-zone.command';

export const DEFAULT_PRIORITY = 100;

@CommandHandler(CreateCustomZone)
export class CreateCustomZoneHandler implements ICommandHandler<CreateCustomZone, CustomZoneView> {
  constructor(
    private readonly writes: CustomZoneWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, input, pincodes }: CreateCustomZone): Promise<CustomZoneView> {
    const fields = checkCustomZoneFields({ boundary: null, priority: DEFAULT_PRIORITY, active: true, ...definedOnly(input) }) as CustomZoneFields;
    return this.writes.run(actor, async (tx) => {
      const { store } = this.writes;
      if ((await store.count(tx, actor.companyId)) >= MAX_CUSTOM_ZONES) {
        throw new DomainError('geo.custom_zone_limit', `A company can have at most ${MAX_CUSTOM_ZONES} custom zones; delete one first`, 'conflict', { limit: MAX_CUSTOM_ZONES });
      }
      await this.writes.assertNameFree(tx, actor.companyId, fields.name, null);
      const list = await this.writes.checkPincodes(tx, pincodes.map((value, i) => ({ row: i + 1, value })), (row) => `pincodes[${row - 1}]`);
      const now = this.clock.now();
      const row: CustomZoneRow = { id: newId(), companyId: actor.companyId, ...fields, pincodeCount: 0, createdBy: actor.userId, createdAt: now, updatedAt: now, version: 1 };
      await store.insert(tx, row);
      if (list.pincodes.length) row.pincodeCount = (await store.writePincodes(tx, actor.companyId, row.id, list.pincodes, 'append')).total;
      await this.writes.audit(actor, 'geo.custom_zone_created', row.id, undefined, auditSnapshot(row));
      return customZoneView(row, true);
    });
  }
}
