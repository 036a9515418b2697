import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { auditSnapshot, CustomZoneWrites } from '../../custom-zones';
import { DeleteCustomZone } from './delete-custom-zone.command';

@CommandHandler(DeleteCustomZone)
export class DeleteCustomZoneHandler implements ICommandHandler<DeleteCustomZone, void> {
  constructor(private readonly writes: CustomZoneWrites) {}

  execute({ actor, id, expectedVersion }: DeleteCustomZone): Promise<void> {
    return this.writes.run(actor, async (tx) => {
      const before = await this.writes.load(tx, actor, id, expectedVersion);
      await this.writes.store.delete(tx, actor.companyId, id);
      await this.writes.audit(actor, 'geo.custom_zone_deleted', id, auditSnapshot(before), undefined);
    });
  }
}
