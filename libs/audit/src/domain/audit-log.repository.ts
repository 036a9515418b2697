import type { Tx } from '@shipcrowd/platform';
import type { StoredAuditEntry } from './audit-chain';

/** A chain: one company's, or the platform's (companyId null). */
export type ChainId = string | null;

export interface AuditLogFilter {
  /** undefined: every chain (platform admins); null: the platform chain; a uuid: that company's chain. */
  companyId?: ChainId;
  actionPrefix?: string;
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

/** Port for the append-only audit log. Every method works in the transaction it is given. */
export abstract class AuditLogRepository {
  /** Serialises appends to one chain until the transaction ends, then returns the chain's head. */
  abstract lockHead(tx: Tx, chain: ChainId): Promise<{ seq: number; hash: string } | null>;
  abstract append(tx: Tx, entry: StoredAuditEntry): Promise<void>;
  /** Newest first; `beforeId` is the keyset cursor (ids are time-ordered UUIDv7). */
  abstract page(tx: Tx, filter: AuditLogFilter, limit: number, beforeId?: string): Promise<StoredAuditEntry[]>;
  /** Entries of one chain with seq > afterSeq, oldest first. */
  abstract chainSlice(tx: Tx, chain: ChainId, afterSeq: number, limit: number): Promise<StoredAuditEntry[]>;
  abstract chains(tx: Tx): Promise<ChainId[]>;
}
