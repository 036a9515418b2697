import type { BlockRecord, SyncRunRecord, UploadRecord } from '../../infrastructure/persistence/serviceability-records';
import type { Actor } from '../../application/actor';
import type { Principal } from '@shipcrowd/platform';
import type { BlockDto, CoverageUploadDto, LaneDto, RowErrorDto, SyncRunDto } from './serviceability.dto';

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, companyId: p.companyId, platformAdmin: p.platformAdmin });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const blockView = (b: BlockRecord): BlockDto => ({ id: b.id, pincode: b.pincode, courier: b.courier, reason: b.reason, createdBy: b.createdBy, createdAt: b.createdAt.toISOString() });

export const uploadView = (u: UploadRecord): CoverageUploadDto => ({
  id: u.id,
  mode: u.mode,
  fileName: u.fileName,
  status: u.status,
  processedRows: u.processedRows,
  added: u.added,
  updated: u.updated,
  removed: u.removed,
  errorCount: u.errorCount,
  errors: u.errors as RowErrorDto[],
  lanes: u.lanes as LaneDto[],
  createdAt: u.createdAt.toISOString(),
  startedAt: iso(u.startedAt),
  finishedAt: iso(u.finishedAt),
});

export const syncRunView = (r: SyncRunRecord): SyncRunDto => ({
  id: r.id,
  courier: r.courier,
  trigger: r.trigger,
  status: r.status,
  fetched: r.fetched,
  added: r.added,
  updated: r.updated,
  removed: r.removed,
  error: r.error,
  requestedBy: r.requestedBy,
  startedAt: r.startedAt.toISOString(),
  finishedAt: iso(r.finishedAt),
});
