import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { ServiceabilityRecords, UploadRecord } from '../../../infrastructure/persistence/serviceability-records';
import { GetCoverageUpload } from './get-upload.query';

@QueryHandler(GetCoverageUpload)
export class GetCoverageUploadHandler implements IQueryHandler<GetCoverageUpload, UploadRecord> {
  constructor(private readonly uow: UnitOfWork, private readonly records: ServiceabilityRecords) {}

  async execute({ id }: GetCoverageUpload): Promise<UploadRecord> {
    const upload = await this.uow.run({ system: true }, () => this.records.upload(id));
    if (!upload) throw new NotFoundError('Coverage upload', id);
    return upload;
  }
}
