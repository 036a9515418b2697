import { createHash } from 'node:crypto';

/** The hash of the (virtual) entry before the first one of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything an entry's hash covers, in the shape it is stored and read back. */
export interface AuditEntryFields {
  id: string;
  companyId: string | null;
  seq: number;
  action: string;
  actorUserId: string | null;
  actorType: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
  prevHash: string;
}

export interface StoredAuditEntry extends AuditEntryFields {
  hash: string;
}

/**
 * JSON with object keys sorted at every depth and no whitespace, so the same entry always hashes the same,
 * whichever order its keys were written in and however jsonb stored them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

/** Makes a value look exactly as it will after a round trip through jsonb (dates to strings, undefined dropped). */
export function toJsonValue<T>(value: T): T | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) as T;
}

/** SHA-256 (hex) over the canonical JSON of the entry's fields, which include the previous entry's hash. */
export function hashEntry(fields: AuditEntryFields): string {
  const body = canonicalJson({
    id: fields.id,
    companyId: fields.companyId,
    seq: fields.seq,
    action: fields.action,
    actorUserId: fields.actorUserId,
    actorType: fields.actorType,
    ip: fields.ip,
    userAgent: fields.userAgent,
    requestId: fields.requestId,
    targetType: fields.targetType,
    targetId: fields.targetId,
    before: fields.before ?? null,
    after: fields.after ?? null,
    metadata: fields.metadata ?? null,
    createdAt: fields.createdAt.toISOString(),
    prevHash: fields.prevHash,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

export type ChainBreakReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap';

export interface ChainBreak {
  id: string;
  seq: number;
  reason: ChainBreakReason;
}

/**
 * Walks one chain in seq order, a page at a time. Each entry must follow its predecessor (seq + 1,
 * prev_hash = predecessor's hash) and hash to its stored hash; the first entry that does not is reported.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  checked = 0;
  broken?: ChainBreak;

  /** Feeds the next entries; returns false once the chain is broken (stop reading). */
  feed(entries: readonly StoredAuditEntry[]): boolean {
    for (const entry of entries) {
      if (this.broken) return false;
      this.checked += 1;
      if (entry.seq !== this.expectedSeq) this.broken = { id: entry.id, seq: entry.seq, reason: 'seq_gap' };
      else if (entry.prevHash !== this.previousHash) this.broken = { id: entry.id, seq: entry.seq, reason: 'prev_hash_mismatch' };
      else if (hashEntry(entry) !== entry.hash) this.broken = { id: entry.id, seq: entry.seq, reason: 'hash_mismatch' };
      this.expectedSeq = entry.seq + 1;
      this.previousHash = entry.hash;
    }
    return !this.broken;
  }
}
