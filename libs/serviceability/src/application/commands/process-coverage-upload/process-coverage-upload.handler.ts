import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parse } from 'csv-parse';
import { domainEvent } from '@shipcrowd/kernel';
import { FILE_STORAGE, FileStorage, UnitOfWork } from '@shipcrowd/platform';
import { SERVICEABILITY_EVENTS } from '../../../../contracts';
import { checkCoverageHeader, CoverageRow, parseCoverageRecord, RowError } from '../../../domain/coverage';
import { CoverageStore } from '../../../infrastructure/persistence/coverage-store';
import { ServiceabilityRecords } from '../../../infrastructure/persistence/serviceability-records';
import { catalogue } from '../../catalogue';
import { CoverageRevision } from '../../ports/coverage-revision.port';
import { ProcessCoverageUpload } from './process-coverage-upload.command';

/** Rows staged per statement, errors kept in the report (all are counted), rows between progress updates. */
const STAGE_BATCH = 5_000;
export const MAX_REPORTED_ERRORS = 1_000;
const PROGRESS_EVERY = 25_000;
export const MAX_UPLOAD_ROWS = 2_000_000;

class HeaderError extends Error {}

export interface UploadOutcome {
  status: 'completed' | 'failed';
  added: number;
  updated: number;
  removed: number;
  errorCount: number;
}

/**
 * Streams the stored CSV through csv-parse (records are validated one by one and staged in batches of 5,000 with
 * unnest statements; the file is never held as objects). Any invalid or duplicate row: nothing is applied and the
 * upload fails with a row-numbered report. Otherwise the staged rows are applied in ONE transaction (merge or
 * replace), the coverage_changed event goes to the outbox in it, and the revision moves after the commit.
 */
@CommandHandler(ProcessCoverageUpload)
export class ProcessCoverageUploadHandler implements ICommandHandler<ProcessCoverageUpload, UploadOutcome> {
  private readonly logger = new Logger('serviceability');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CoverageStore,
    private readonly records: ServiceabilityRecords,
    private readonly revisions: CoverageRevision,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async execute({ uploadId }: ProcessCoverageUpload): Promise<UploadOutcome> {
    const system = <T>(work: () => Promise<T>) => this.uow.run({ system: true }, work);
    const upload = await system(() => this.records.upload(uploadId));
    if (!upload) throw new Error(`coverage upload ${uploadId} does not exist`);
    if (upload.status === 'completed' || upload.status === 'failed') return { status: upload.status, added: upload.added, updated: upload.updated, removed: upload.removed, errorCount: upload.errorCount };
    await system(async () => {
      await this.store.dropStaged(uploadId);
      await this.records.updateUpload(uploadId, { status: 'processing', startedAt: new Date(), processedRows: 0 });
    });

    const errors: RowError[] = [];
    let errorCount = 0;
    let processed = 0;
    const fail = async (extra: RowError[] = []) => {
      errors.push(...extra);
      errorCount += extra.length;
      await system(async () => {
        await this.store.dropStaged(uploadId);
        await this.records.failUpload(uploadId, errors.slice(0, MAX_REPORTED_ERRORS), errorCount, processed, new Date());
      });
      return { status: 'failed' as const, added: 0, updated: 0, removed: 0, errorCount };
    };

    try {
      const file = await this.storage.get(upload.fileKey);
      if (!file) return await fail([{ row: 0, field: 'file', message: 'the stored file is gone' }]);
      const parser = file.body.pipe(
        parse({
          bom: true,
          trim: true,
          skip_empty_lines: true,
          columns: (header: string[]) => {
            const { missing, unknown } = checkCoverageHeader(header);
            if (missing.length || unknown.length) throw new HeaderError([missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean).join('; '));
            return header.map((h) => h.trim().toLowerCase().replace(/^\uFEFF/, ''));
          },
        }),
      );
      let batch: (CoverageRow & { rowNo: number })[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const rows = batch;
        batch = [];
        await system(() => this.store.stageRows(uploadId, rows));
      };
      try {
        for await (const record of parser as AsyncIterable<Record<string, string>>) {
          processed++;
          const rowNo = processed + 1; // the header is row 1
          if (processed > MAX_UPLOAD_ROWS) {
            errors.push({ row: rowNo, field: 'file', message: `more than ${MAX_UPLOAD_ROWS} rows; split the file` });
            errorCount++;
            processed--;
            break;
          }
          const parsed = parseCoverageRecord(record, rowNo, catalogue);
          if ('errors' in parsed) {
            errorCount += parsed.errors.length;
            if (errors.length < MAX_REPORTED_ERRORS) errors.push(...parsed.errors.slice(0, MAX_REPORTED_ERRORS - errors.length));
            batch = [];
            continue;
          }
          if (errorCount) continue; // keep validating for the report, stop staging
          batch.push({ ...parsed.row, rowNo });
          if (batch.length >= STAGE_BATCH) await flush();
          if (processed % PROGRESS_EVERY === 0) await system(() => this.records.updateUpload(uploadId, { processedRows: processed }));
        }
      } catch (error) {
        if (error instanceof HeaderError) return await fail([{ row: 1, field: 'header', message: `${error.message}; expected courier, service, pincode, prepaid, cod, pickup, reverse, oda, max_weight_grams, max_cod_paise` }]);
        const message = (error as Error).message ?? String(error);
        const line = /line (\d+)/i.exec(message)?.[1];
        return await fail([{ row: line ? Number(line) : processed + 2, field: 'file', message: `not readable as CSV: ${message}` }]);
      }
      if (errorCount) return await fail();
      if (processed === 0) return await fail([{ row: 2, field: 'file', message: 'no data rows after the header' }]);
      await flush();

      const duplicates = await system(() => this.store.duplicateRows(uploadId, MAX_REPORTED_ERRORS));
      if (duplicates.total) {
        errorCount = duplicates.total - duplicates.errors.length;
        return await fail(duplicates.errors);
      }

      const now = new Date();
      const outcome = await system(async () => {
        const lanes = await this.store.stagedLanes(uploadId);
        const counts = await this.store.applyStaged(uploadId, upload.mode, now);
        await this.store.dropStaged(uploadId);
        await this.records.updateUpload(uploadId, { status: 'completed', processedRows: processed, ...counts, lanes, errors: [], errorCount: 0, finishedAt: now });
        await this.uow.publish([domainEvent(SERVICEABILITY_EVENTS.coverageChanged, uploadId, null, { source: 'upload', uploadId, mode: upload.mode, lanes, ...counts })]);
        return counts;
      });
      await this.revisions.bump();
      this.logger.log({ msg: 'coverage upload applied', uploadId, rows: processed, ...outcome });
      return { status: 'completed', ...outcome, errorCount: 0 };
    } catch (error) {
      this.logger.error({ err: error, uploadId }, 'coverage upload failed');
      return fail([{ row: 0, field: 'file', message: `processing failed: ${(error as Error).message}` }]);
    }
  }
}
