import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { CustomZoneStore } from '../../../infrastructure/persistence/custom-zone-store';
import { CustomZoneView, customZoneView } from '../../custom-zones';
import { ListCustomZones } from './list-custom-zones.query';

@QueryHandler(ListCustomZones)
export class ListCustomZonesHandler implements IQueryHandler<ListCustomZones, CustomZoneView[]> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CustomZoneStore,
  ) {}

  execute({ companyId }: ListCustomZones): Promise<CustomZoneView[]> {
    return this.uow.run({ companyId }, async (tx) => (await this.store.list(tx, companyId)).map((row) => customZoneView(row, false)));
  }
}
