import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { CustomZoneStore, ListedPincode, zoneNotFound } from '../../../infrastructure/persistence/custom-zone-store';
import { ListCustomZonePincodes, StreamCustomZonePincodes } from './list-custom-zone-pincodes.query';

@QueryHandler(ListCustomZonePincodes)
export class ListCustomZonePincodesHandler implements IQueryHandler<ListCustomZonePincodes, ListedPincode[]> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CustomZoneStore,
  ) {}

  execute({ companyId, zoneId, limit, after }: ListCustomZonePincodes): Promise<ListedPincode[]> {
    return this.uow.run({ companyId }, async (tx) => {
      if (!(await this.store.get(tx, companyId, zoneId))) throw zoneNotFound(zoneId);
      return this.store.pagePincodes(tx, companyId, zoneId, after, limit + 1);
    });
  }
}

const EXPORT_PAGE = 5000;

@QueryHandler(StreamCustomZonePincodes)
export class StreamCustomZonePincodesHandler implements IQueryHandler<StreamCustomZonePincodes, AsyncIterable<ListedPincode>> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CustomZoneStore,
  ) {}

  /** Checks the zone exists first (so a 404 comes before any byte is sent), then yields page by page. */
  async execute({ companyId, zoneId }: StreamCustomZonePincodes): Promise<AsyncIterable<ListedPincode>> {
    const { uow, store } = this;
    await uow.run({ companyId }, async (tx) => {
      if (!(await store.get(tx, companyId, zoneId))) throw zoneNotFound(zoneId);
    });
    // One short transaction per page: a slow client never holds a transaction (or PGlite's only connection) open.
    return {
      async *[Symbol.asyncIterator]() {
        let after: string | null = null;
        for (;;) {
          const page = await uow.run({ companyId }, (tx) => store.pagePincodes(tx, companyId, zoneId, after, EXPORT_PAGE));
          yield* page;
          if (page.length < EXPORT_PAGE) return;
          after = page[page.length - 1].pincode;
        }
      },
    };
  }
}
