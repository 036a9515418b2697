import type { ImportRow } from '../infrastructure/persistence/order-imports.store';

export interface ImportView {
  id: string;
  fileName: string;
  fileSize: number;
  format: string;
  mode: string;
  status: string;
  totalRows: number | null;
  processed: number;
  succeeded: number;
  failed: number;
  ordersCreated: number;
  /** Why the whole file was refused or failed (null otherwise). */
  error: { code: string; message: string } | null;
  rollback: ImportRow['rollback'];
  createdAt: string;
  startedAt: string | null;
  validatedAt: string | null;
  finishedAt: string | null;
  rolledBackAt: string | null;
  /** Milliseconds spent waiting in the queue, validating, importing, and overall (null while unknown). */
  timings: { queuedMs: number | null; validatingMs: number | null; importingMs: number | null; totalMs: number | null };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const span = (from: Date | null, to: Date | null) => (from && to ? to.getTime() - from.getTime() : null);

export function toImportView(r: ImportRow): ImportView {
  return {
    id: r.id,
    fileName: r.fileName,
    fileSize: r.fileSize,
    format: r.format,
    mode: r.mode,
    status: r.status,
    totalRows: r.totalRows,
    processed: r.processed,
    succeeded: r.succeeded,
    failed: r.failed,
    ordersCreated: r.ordersCreated,
    error: r.errorCode ? { code: r.errorCode, message: r.errorMessage ?? '' } : null,
    rollback: r.rollback,
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    validatedAt: iso(r.validatedAt),
    finishedAt: iso(r.finishedAt),
    rolledBackAt: iso(r.rolledBackAt),
    timings: {
      queuedMs: span(r.createdAt, r.startedAt),
      validatingMs: span(r.startedAt, r.validatedAt ?? (r.status === 'failed' ? r.finishedAt : null)),
      importingMs: span(r.validatedAt, r.finishedAt),
      totalMs: span(r.createdAt, r.finishedAt),
    },
  };
}
