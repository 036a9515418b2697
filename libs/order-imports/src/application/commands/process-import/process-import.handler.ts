import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@shipcrowd/kernel';
import { ORDERS_FACADE, OrderDraft, OrdersFacade, PlaceOrderOutcome } from '@shipcrowd/orders/contracts';
import { APP_CONFIG, AppConfig, FILE_STORAGE, FileStorage } from '@shipcrowd/platform';
import { headerProblems, normaliseHeader } from '../../../domain/import-columns';
import { AssembledOrder, columnOfDraftField, OrderAssembler, RowProblem } from '../../../domain/order-rows';
import { ImportRow as StoredImport, ImportPatch, OrderImportsStore, StoredProblem } from '../../../infrastructure/persistence/order-imports.store';
import { ImportFileReader } from '../../ports/import-file-reader.port';
import { ProcessOrderImport } from './process-import.command';

/** Drafts per placeOrders call in valid_only mode (each call is one transaction) and per dry-run call. */
const WRITE_CHUNK = 1000;
const CHECK_CHUNK = 2500;
/** A running import whose row has not moved for this long lost its worker (progress is written at least every chunk). */
export const STALE_AFTER_MS = 2 * 60 * 1000;

class FileRefused extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

interface Parsed {
  header: string[];
  orders: AssembledOrder[];
  problems: RowProblem[];
  originals: Map<number, string[]>;
  totalRows: number;
}

@CommandHandler(ProcessOrderImport)
export class ProcessOrderImportHandler implements ICommandHandler<ProcessOrderImport, void> {
  private readonly logger = new Logger('order-imports');

  constructor(
    private readonly store: OrderImportsStore,
    private readonly reader: ImportFileReader,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(ORDERS_FACADE) private readonly orders: OrdersFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ companyId, importId }: ProcessOrderImport): Promise<void> {
    const job = await this.store.get(companyId, importId);
    if (!job) return;
    // Only a queued import starts. A redelivered job (Bull re-runs jobs of a worker that died) finds it running:
    // if its row has stopped moving, the worker died mid-way; say so (orders written so far can be rolled back).
    if (!(await this.store.transition(companyId, importId, ['queued'], { status: 'validating', startedAt: new Date() }))) {
      if ((job.status === 'validating' || job.status === 'importing') && Date.now() - job.updatedAt.getTime() > STALE_AFTER_MS) {
        await this.store.transition(companyId, importId, [job.status], {
          status: 'failed',
          errorCode: 'import.interrupted',
          errorMessage: 'The import stopped part-way (its worker went away). Orders written before that carry this import id: roll the import back, then upload the file again.',
          finishedAt: new Date(),
        });
      }
      return;
    }
    try {
      const parsed = await this.parse(job);
      await this.store.update(companyId, importId, { totalRows: parsed.totalRows, header: parsed.header });
      if (job.mode === 'all_or_nothing') await this.allOrNothing(job, parsed);
      else await this.validOnly(job, parsed);
    } catch (error) {
      if (error instanceof FileRefused || (error instanceof DomainError && error.code.startsWith('import.'))) {
        await this.store.update(companyId, importId, { status: 'failed', errorCode: (error as FileRefused).code, errorMessage: error.message, finishedAt: new Date() });
        return;
      }
      this.logger.error({ err: error, importId }, 'order import crashed');
      await this.store.update(companyId, importId, { status: 'failed', errorCode: 'import.internal_error', errorMessage: 'The import stopped on an internal error; orders written before it carry this import id and can be rolled back.', finishedAt: new Date() });
    }
  }

  /** Streams the whole file once: header checks, row limit, grouping into drafts. Nothing is written yet. */
  private async parse(job: StoredImport): Promise<Parsed> {
    const file = await this.storage.get(job.fileKey);
    if (!file) throw new FileRefused('import.file_missing', 'The uploaded file is no longer stored; upload it again.');
    const maxRows = this.config.ORDER_IMPORT_MAX_ROWS;
    let header: string[] | null = null;
    let assembler: OrderAssembler | null = null;
    const originals = new Map<number, string[]>();
    let totalRows = 0;
    for await (const record of this.reader.records(file.body, job.format)) {
      if (!header || !assembler) {
        header = record.values.map(normaliseHeader);
        const problems = headerProblems(header);
        if (problems.length) throw new FileRefused('import.invalid_header', `The header row does not match the template: ${problems.map((p) => `${p.field.slice(8)} ${p.message}`).join('; ')}.`);
        assembler = new OrderAssembler(header);
        continue;
      }
      totalRows++;
      if (totalRows > maxRows) throw new FileRefused('import.too_many_rows', `The file has more than ${maxRows} rows; split it into files of at most ${maxRows} rows. Nothing was imported.`);
      const cellCountProblem = record.values.length !== header.length ? `has ${record.values.length} cells but the header has ${header.length} columns` : undefined;
      originals.set(record.line, record.values);
      assembler.add({ line: record.line, values: record.values, cellCountProblem });
    }
    if (!header || !assembler) throw new FileRefused('import.empty_file', 'The file is empty.');
    if (totalRows === 0) throw new FileRefused('import.no_rows', 'The file has a header row but no orders.');
    const orders = assembler.finish();
    return { header, orders, problems: assembler.problems, originals, totalRows };
  }

  private async allOrNothing(job: StoredImport, parsed: Parsed): Promise<void> {
    const problems = [...parsed.problems];
    const valid = parsed.orders.filter((o) => o.draft);
    let processed = parsed.totalRows - rowsOf(valid);
    // Dry run in chunks (progress as it goes), so the write below only starts when every order is known good.
    for (let i = 0; i < valid.length; i += CHECK_CHUNK) {
      const chunk = valid.slice(i, i + CHECK_CHUNK);
      const { outcomes } = await this.place(job, chunk, 'all_or_nothing', true);
      problems.push(...this.outcomeProblems(chunk, outcomes));
      processed += rowsOf(chunk);
      await this.store.update(job.companyId, job.id, { processed });
    }
    if (problems.length > 0) return this.refuseAll(job, parsed, problems);
    await this.store.update(job.companyId, job.id, { status: 'importing', validatedAt: new Date() });
    const { outcomes, written } = await this.place(job, valid, 'all_or_nothing', false);
    const late = this.outcomeProblems(valid, outcomes);
    if (late.length > 0 || written !== valid.length) return this.refuseAll(job, parsed, late);
    await this.store.update(job.companyId, job.id, { status: 'completed', processed: parsed.totalRows, succeeded: parsed.totalRows, failed: 0, ordersCreated: written, finishedAt: new Date() });
  }

  private async refuseAll(job: StoredImport, parsed: Parsed, problems: RowProblem[]): Promise<void> {
    await this.saveProblems(job, parsed, problems);
    const failedRows = new Set(problems.map((p) => p.line)).size;
    await this.store.update(job.companyId, job.id, {
      status: 'failed',
      processed: parsed.totalRows,
      succeeded: 0,
      failed: failedRows,
      errorCode: 'import.invalid_rows',
      errorMessage: `${failedRows} row(s) have problems; in all_or_nothing mode nothing was imported. See the error report.`,
      finishedAt: new Date(),
    });
  }

  private async validOnly(job: StoredImport, parsed: Parsed): Promise<void> {
    const problems = [...parsed.problems];
    const valid = parsed.orders.filter((o) => o.draft);
    const failedLines = new Set(problems.map((p) => p.line));
    let processed = parsed.totalRows - rowsOf(valid);
    let succeeded = 0;
    let ordersCreated = 0;
    await this.store.update(job.companyId, job.id, { status: 'importing', validatedAt: new Date(), processed, failed: failedLines.size });
    for (let i = 0; i < valid.length; i += WRITE_CHUNK) {
      const chunk = valid.slice(i, i + WRITE_CHUNK);
      const { outcomes, written } = await this.place(job, chunk, 'valid_only', false);
      const chunkProblems = this.outcomeProblems(chunk, outcomes);
      problems.push(...chunkProblems);
      outcomes.forEach((o, k) => {
        if (o.ok) succeeded += chunk[k].lines.length;
        else chunk[k].lines.forEach((l) => failedLines.add(l));
      });
      ordersCreated += written;
      processed += rowsOf(chunk);
      await this.store.update(job.companyId, job.id, { processed, succeeded, failed: failedLines.size, ordersCreated });
    }
    await this.saveProblems(job, parsed, problems);
    await this.store.update(job.companyId, job.id, { status: 'completed', processed: parsed.totalRows, succeeded, failed: parsed.totalRows - succeeded, ordersCreated, finishedAt: new Date() });
  }

  private place(job: StoredImport, chunk: AssembledOrder[], mode: 'all_or_nothing' | 'valid_only', dryRun: boolean): Promise<{ outcomes: PlaceOrderOutcome[]; written: number }> {
    return this.orders.placeOrders({ companyId: job.companyId, actorUserId: job.createdBy, drafts: chunk.map((o) => o.draft as OrderDraft), importId: job.id, mode, dryRun });
  }

  /** The orders context's field errors, put on the row and column they came from. */
  private outcomeProblems(chunk: AssembledOrder[], outcomes: PlaceOrderOutcome[]): RowProblem[] {
    const problems: RowProblem[] = [];
    for (const outcome of outcomes) {
      if (outcome.ok) continue;
      const order = chunk[outcome.index];
      for (const e of outcome.errors) {
        const { line, column } = columnOfDraftField(e.field, order);
        problems.push({ line, field: column, message: e.message, code: e.code });
      }
      if (outcome.errors.length === 0) problems.push({ line: order.lines[0], field: 'order_number', message: 'was not accepted', code: 'rejected' });
    }
    return problems;
  }

  private async saveProblems(job: StoredImport, parsed: Parsed, problems: RowProblem[]): Promise<void> {
    const orderCol = parsed.header.indexOf('order_number');
    const stored: StoredProblem[] = problems
      .sort((a, b) => a.line - b.line)
      .map((p) => {
        const original = parsed.originals.get(p.line) ?? null;
        return { ...p, orderNumber: original && orderCol >= 0 ? original[orderCol] ?? null : null, original };
      });
    await this.store.insertProblems(job.companyId, job.id, stored);
  }
}

function rowsOf(orders: AssembledOrder[]): number {
  return orders.reduce((n, o) => n + o.lines.length, 0);
}
