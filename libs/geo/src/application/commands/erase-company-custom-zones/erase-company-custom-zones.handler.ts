import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { CustomZoneStore } from '../../../infrastructure/persistence/custom-zone-store';
import { ZoneCaches } from '../../zone-caches';
import { EraseCompanyCustomZones } from './erase-company-custom-zones.command';

@CommandHandler(EraseCompanyCustomZones)
export class EraseCompanyCustomZonesHandler implements ICommandHandler<EraseCompanyCustomZones, { erased: number }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CustomZoneStore,
    private readonly caches: ZoneCaches,
  ) {}

  async execute({ companyId }: EraseCompanyCustomZones): Promise<{ erased: number }> {
    const result = await this.uow.run({ companyId }, async (tx) => {
      // The revision goes up rather than away, so it never repeats a number a process may have cached.
      await this.store.bumpRevision(tx, companyId);
      return { erased: await this.store.deleteAll(tx, companyId) };
    });
    await this.caches.changed(companyId);
    return result;
  }
}
