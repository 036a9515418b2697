import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { ServiceabilityRecords, SyncRunRecord } from '../../../infrastructure/persistence/serviceability-records';
import { ListSyncRuns } from './list-sync-runs.query';

@QueryHandler(ListSyncRuns)
export class ListSyncRunsHandler implements IQueryHandler<ListSyncRuns, SyncRunRecord[]> {
  constructor(private readonly uow: UnitOfWork, private readonly records: ServiceabilityRecords) {}

  execute({ limit, before, courier }: ListSyncRuns): Promise<SyncRunRecord[]> {
    return this.uow.run({ system: true }, () => this.records.syncRuns(limit, before, courier));
  }
}
