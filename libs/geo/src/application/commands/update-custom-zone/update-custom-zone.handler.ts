import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { checkCustomZoneFields, definedOnly } from '../../../domain/custom-zone';
import { auditSnapshot, CustomZoneView, customZoneView, CustomZoneWrites } from '../../custom-zones';
import { UpdateCustomZone } from './update-custom-zone.command';

@CommandHandler(UpdateCustomZone)
export class UpdateCustomZoneHandler implements ICommandHandler<UpdateCustomZone, CustomZoneView> {
  constructor(
    private readonly writes: CustomZoneWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, id, patch, expectedVersion }: UpdateCustomZone): Promise<CustomZoneView> {
    const changes = checkCustomZoneFields(definedOnly(patch));
    return this.writes.run(actor, async (tx) => {
      const before = await this.writes.load(tx, actor, id, expectedVersion);
      if (changes.name !== undefined) await this.writes.assertNameFree(tx, actor.companyId, changes.name, id);
      const after = { ...before, ...changes, updatedAt: this.clock.now() };
      after.version = await this.writes.store.update(tx, id, before.version, { ...changes, updatedAt: after.updatedAt });
      await this.writes.audit(actor, 'geo.custom_zone_updated', id, auditSnapshot(before), auditSnapshot(after), { changed: Object.keys(changes) });
      return customZoneView(after, true);
    });
  }
}
