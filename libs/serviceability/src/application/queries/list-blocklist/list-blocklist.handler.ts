import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { BlockRecord, ServiceabilityRecords } from '../../../infrastructure/persistence/serviceability-records';
import { ListBlocklist } from './list-blocklist.query';

@QueryHandler(ListBlocklist)
export class ListBlocklistHandler implements IQueryHandler<ListBlocklist, BlockRecord[]> {
  constructor(private readonly uow: UnitOfWork, private readonly records: ServiceabilityRecords) {}

  execute({ companyId, limit, after, pincode }: ListBlocklist): Promise<BlockRecord[]> {
    return this.uow.run({ companyId }, () => this.records.blocks(companyId, limit, after, pincode));
  }
}
