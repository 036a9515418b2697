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

/** Drafts per placeOrders call in valid_only mode (each call is one write transaction). */
const WRITE_CHUNK = 1000;
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
      const started = performance.now();
      const parsed = await this.parse(job);
      this.logger.debug({ importId, rows: parsed.totalRows, orders: parsed.orders.length, ms: Math.round(performance.now() - started) }, 'order import: file parsed');
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

  /**
   * One placeOrders call for every valid order: the orders context validates each draft once and writes all of
   * them in one transaction only when none has a problem (otherwise it writes nothing and says why). No dry run:
   * it would validate everything twice. The file itself (header, cells, grouping) was checked by parse().
   */
  private async allOrNothing(job: StoredImport, parsed: Parsed): Promise<void> {
    const valid = parsed.orders.filter((o) => o.draft);
    if (parsed.problems.length > 0) {
      // Nothing will be written; a dry run still puts the orders context's problems of the other rows in the report.
      const { outcomes } = valid.length ? await this.place(job, valid, 'all_or_nothing', true) : { outcomes: [] };
      return this.refuseAll(job, parsed, [...parsed.problems, ...this.outcomeProblems(valid, outcomes)]);
    }
    await this.store.update(job.companyId, job.id, { status: 'importing', validatedAt: new Date() });
    const started = performance.now();
    const { outcomes, written } = await this.place(job, valid, 'all_or_nothing');
    this.logger.debug({ importId: job.id, orders: valid.length, written, ms: Math.round(performance.now() - started) }, 'order import: all_or_nothing placement');
    const problems = this.outcomeProblems(valid, outcomes);
    if (problems.length > 0 || written !== valid.length) return this.refuseAll(job, parsed, problems);
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

  /**
   * Chunks of WRITE_CHUNK orders, one transaction each, progress after each. The next chunk is sent before the
   * current one has finished, so its validation, address checks and routing (CPU here) overlap the current one's
   * write (work in PostgreSQL); the orders context still writes an import's chunks in the order they were sent.
   */
  private async validOnly(job: StoredImport, parsed: Parsed): Promise<void> {
    const valid = parsed.orders.filter((o) => o.draft);
    const failedLines = new Set(parsed.problems.map((p) => p.line));
    let processed = parsed.totalRows - rowsOf(valid);
    let succeeded = 0;
    let ordersCreated = 0;
    await this.store.update(job.companyId, job.id, { status: 'importing', validatedAt: new Date(), processed, failed: failedLines.size });
    // The error report grows as the import goes: rows the file itself got wrong now, each chunk's refusals after it,
    // so it can be read while the import runs and still holds them if the import stops part-way.
    await this.saveProblems(job, parsed, parsed.problems);
    const chunks: AssembledOrder[][] = [];
    for (let i = 0; i < valid.length; i += WRITE_CHUNK) chunks.push(valid.slice(i, i + WRITE_CHUNK));
    let next = chunks.length ? this.place(job, chunks[0], 'valid_only') : null;
    try {
      for (let k = 0; k < chunks.length; k++) {
        const started = performance.now();
        const chunk = chunks[k];
        const current = next!;
        next = k + 1 < chunks.length ? this.place(job, chunks[k + 1], 'valid_only') : null;
        const { outcomes, written } = await current;
        outcomes.forEach((o, i) => {
          if (o.ok) succeeded += chunk[i].lines.length;
          else chunk[i].lines.forEach((l) => failedLines.add(l));
        });
        ordersCreated += written;
        processed += rowsOf(chunk);
        await this.saveProblems(job, parsed, this.outcomeProblems(chunk, outcomes));
        await this.store.update(job.companyId, job.id, { processed, succeeded, failed: failedLines.size, ordersCreated });
        this.logger.debug({ importId: job.id, chunk: k, orders: chunk.length, written, ms: Math.round(performance.now() - started) }, 'order import: chunk placed');
      }
    } catch (error) {
      // The chunk in flight settles before the import is marked failed (after a failed chunk it writes nothing).
      await next?.catch(() => undefined);
      throw error;
    }
    await this.store.update(job.companyId, job.id, { status: 'completed', processed: parsed.totalRows, succeeded, failed: parsed.totalRows - succeeded, ordersCreated, finishedAt: new Date() });
  }

  private place(job: StoredImport, chunk: AssembledOrder[], mode: 'all_or_nothing' | 'valid_only', dryRun = false): Promise<{ outcomes: PlaceOrderOutcome[]; written: number }> {
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
    if (problems.length === 0) return;
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
