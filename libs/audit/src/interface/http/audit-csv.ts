import type { StoredAuditEntry } from '../../domain/audit-chain';

const COLUMNS = ['id', 'created_at', 'seq', 'action', 'actor_type', 'actor_user_id', 'ip', 'user_agent', 'request_id', 'target_type', 'target_id', 'before', 'after', 'metadata', 'prev_hash', 'hash'] as const;

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${COLUMNS.join(',')}\r\n`;
}

export function csvRow(e: StoredAuditEntry): string {
  const cells = [e.id, e.createdAt, e.seq, e.action, e.actorType, e.actorUserId, e.ip, e.userAgent, e.requestId, e.targetType, e.targetId, e.before, e.after, e.metadata, e.prevHash, e.hash];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export async function* toCsv(entries: AsyncIterable<StoredAuditEntry>): AsyncGenerator<string> {
  yield csvHeader();
  for await (const entry of entries) yield csvRow(entry);
}
