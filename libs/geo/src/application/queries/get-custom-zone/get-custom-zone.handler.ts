import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { CustomZoneStore, zoneNotFound } from '../../../infrastructure/persistence/custom-zone-store';
import { CustomZoneView, customZoneView } from '../../custom-zones';
import { GetCustomZone } from './get-custom-zone.query';

@QueryHandler(GetCustomZone)
export class GetCustomZoneHandler implements IQueryHandler<GetCustomZone, CustomZoneView> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CustomZoneStore,
  ) {}

  execute({ companyId, id }: GetCustomZone): Promise<CustomZoneView> {
    return this.uow.run({ companyId }, async (tx) => {
      const row = await this.store.get(tx, companyId, id);
      if (!row) throw zoneNotFound(id);
      return customZoneView(row, true);
    });
  }
}
