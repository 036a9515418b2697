import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GeoStore, ZoneListRow } from '../../../infrastructure/persistence/geo-store';
import { ListZoneLists } from './list-zone-lists.query';

@QueryHandler(ListZoneLists)
export class ListZoneListsHandler implements IQueryHandler<ListZoneLists, ZoneListRow[]> {
  constructor(private readonly store: GeoStore) {}

  execute(): Promise<ZoneListRow[]> {
    return this.store.allLists();
  }
}
