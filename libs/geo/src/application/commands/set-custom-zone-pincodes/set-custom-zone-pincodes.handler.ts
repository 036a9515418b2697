import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { CustomZoneWrites } from '../../custom-zones';
import { PincodeListChange, SetCustomZonePincodes } from './set-custom-zone-pincodes.command';

@CommandHandler(SetCustomZonePincodes)
export class SetCustomZonePincodesHandler implements ICommandHandler<SetCustomZonePincodes, PincodeListChange> {
  constructor(
    private readonly writes: CustomZoneWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, id, rows, mode, expectedVersion }: SetCustomZonePincodes): Promise<PincodeListChange> {
    return this.writes.run(actor, async (tx) => {
      const zone = await this.writes.load(tx, actor, id, expectedVersion);
      const { pincodes, duplicates } = await this.writes.checkPincodes(tx, rows, () => 'file');
      const { added, removed, total } = await this.writes.store.writePincodes(tx, actor.companyId, id, pincodes, mode);
      const version = await this.writes.store.update(tx, id, zone.version, { updatedAt: this.clock.now() });
      const change: PincodeListChange = { mode, rows: rows.length, duplicates, added, removed, pincodeCount: total, version };
      await this.writes.audit(actor, 'geo.custom_zone_pincodes_set', id, { pincodeCount: zone.pincodeCount, version: zone.version }, { pincodeCount: total, version }, { mode, rows: rows.length, added, removed });
      return change;
    });
  }
}
