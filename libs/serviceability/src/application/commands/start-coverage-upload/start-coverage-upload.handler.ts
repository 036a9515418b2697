import { InjectQueue } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Queue } from 'bull';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { DomainError, newId } from '@shipcrowd/kernel';
import { FILE_STORAGE, FileStorage, UnitOfWork } from '@shipcrowd/platform';
import { ServiceabilityRecords } from '../../../infrastructure/persistence/serviceability-records';
import { StartCoverageUpload } from './start-coverage-upload.command';

export const COVERAGE_UPLOADS_QUEUE = 'serviceability-uploads';
export interface CoverageUploadJob {
  uploadId: string;
}

@CommandHandler(StartCoverageUpload)
export class StartCoverageUploadHandler implements ICommandHandler<StartCoverageUpload, { id: string }> {
  private readonly logger = new Logger('serviceability');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly records: ServiceabilityRecords,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    @InjectQueue(COVERAGE_UPLOADS_QUEUE) private readonly queue: Queue<CoverageUploadJob>,
  ) {}

  async execute({ actor, bytes, fileName, mode }: StartCoverageUpload): Promise<{ id: string }> {
    if (bytes.length === 0) throw new DomainError('serviceability.upload_empty', 'The file is empty', 'validation', { errors: [{ field: 'file', message: 'is empty', code: 'required' }] });
    const id = newId();
    const fileKey = `serviceability/uploads/${id}.csv`;
    await this.storage.put(fileKey, bytes, 'text/csv');
    await this.uow.run({ system: true, userId: actor.userId }, async () => {
      await this.records.insertUpload({ id, mode, fileKey, fileName, status: 'queued', createdBy: actor.userId, createdAt: new Date() });
      await this.audit.record({ action: 'serviceability.coverage_upload_started', companyId: null, actorUserId: actor.userId, actorType: 'platform_admin', targetType: 'coverage_upload', targetId: id, metadata: { mode, fileName, bytes: bytes.length } });
    });
    // After the commit (the job must find the row); if Redis refuses, the upload is marked failed rather than left queued.
    try {
      await this.queue.add({ uploadId: id }, { jobId: id, attempts: 2, backoff: { type: 'fixed', delay: 2000 }, removeOnComplete: true, removeOnFail: 100 });
    } catch (error) {
      this.logger.error({ err: error, uploadId: id }, 'could not queue the coverage upload');
      await this.uow.run({ system: true }, () => this.records.failUpload(id, [{ row: 0, field: 'file', message: 'could not be queued for processing; upload it again' }], 1, 0, new Date()));
    }
    return { id };
  }
}
