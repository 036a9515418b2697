import { InjectQueue } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Queue } from 'bull';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { DomainError, newId } from '@shipcrowd/kernel';
import { FILE_STORAGE, FileStorage, UnitOfWork } from '@shipcrowd/platform';
import { headerProblems, normaliseHeader } from '../../../domain/import-columns';
import { OrderImportsStore } from '../../../infrastructure/persistence/order-imports.store';
import { ORDER_IMPORTS_QUEUE, OrderImportJob } from '../../actor';
import { ImportFileReader } from '../../ports/import-file-reader.port';
import { StartImport } from './start-import.command';

@CommandHandler(StartImport)
export class StartImportHandler implements ICommandHandler<StartImport, string> {
  private readonly logger = new Logger('order-imports');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrderImportsStore,
    private readonly reader: ImportFileReader,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    @InjectQueue(ORDER_IMPORTS_QUEUE) private readonly queue: Queue<OrderImportJob>,
  ) {}

  async execute({ actor, fileName, bytes, mode }: StartImport): Promise<string> {
    if (bytes.length === 0) throw new DomainError('import.empty_file', 'The file is empty.', 'validation', { errors: [{ field: 'file', message: 'is empty', code: 'import.empty_file' }] });
    const format = this.reader.sniff(bytes.subarray(0, 8192));
    const { header, hasData } = await this.reader.inspect(bytes, format);
    const problems = headerProblems(header.map(normaliseHeader));
    if (problems.length > 0) {
      throw new DomainError('import.invalid_header', `The header row does not match the template: ${problems.map((p) => `${p.field.slice(8)} ${p.message}`).join('; ')}.`, 'validation', { errors: problems });
    }
    if (!hasData) throw new DomainError('import.no_rows', 'The file has a header row but no orders.', 'validation', { errors: [{ field: 'file', message: 'has no data rows', code: 'import.no_rows' }] });

    const id = newId();
    const fileKey = `order-imports/${actor.companyId}/${id}.${format}`;
    await this.storage.put(fileKey, bytes, format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
    const now = new Date();
    await this.uow.run({ companyId: actor.companyId, userId: actor.userId }, async () => {
      await this.store.insert({ id, companyId: actor.companyId, createdBy: actor.userId, fileName: fileName.slice(0, 255), fileKey, fileSize: bytes.length, format, mode, status: 'queued', createdAt: now, updatedAt: now });
      await this.audit.record({ action: 'order_imports.started', companyId: actor.companyId, actorUserId: actor.userId, actorType: actor.via === 'api_key' ? 'api_key' : 'user', targetType: 'order_import', targetId: id, metadata: { fileName, bytes: bytes.length, format, mode } });
    });
    // Queued after the commit (the job must find the row). If Redis refuses, the import is failed, not left queued.
    try {
      await this.queue.add({ importId: id, companyId: actor.companyId }, { jobId: id, attempts: 1, removeOnComplete: true, removeOnFail: 100 });
    } catch (error) {
      this.logger.error({ err: error, importId: id }, 'could not queue the order import');
      await this.store.update(actor.companyId, id, { status: 'failed', errorCode: 'import.not_queued', errorMessage: 'The import could not be queued; upload the file again.', finishedAt: new Date() });
    }
    return id;
  }
}
