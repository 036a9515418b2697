import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { ConcurrencyError, DomainError } from '@shipcrowd/kernel';
import { Tx, UnitOfWork } from '@shipcrowd/platform';
import { checkPincodeRows, PincodeRow, RowError } from '../domain/custom-zone';
import { CustomZoneRow, CustomZoneStore, zoneNotFound } from '../infrastructure/persistence/custom-zone-store';
import { ZoneCaches } from './zone-caches';

/** Who changes a company's custom zones (built by the interface layer from the principal). */
export interface ZoneActor {
  userId: string;
  companyId: string;
  via: 'jwt' | 'api_key';
}

export interface CustomZoneView {
  id: string;
  name: string;
  zone: string;
  matchScope: string;
  priority: number;
  active: boolean;
  hasBoundary: boolean;
  /** Present on single-zone reads and writes; lists leave it out. */
  boundary?: CustomZoneRow['boundary'];
  pincodeCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function customZoneView(row: CustomZoneRow, withBoundary: boolean): CustomZoneView {
  const view: CustomZoneView = {
    id: row.id,
    name: row.name,
    zone: row.zone,
    matchScope: row.matchScope,
    priority: row.priority,
    active: row.active,
    hasBoundary: row.boundary !== null,
    pincodeCount: row.pincodeCount,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  return withBoundary ? { ...view, boundary: row.boundary } : view;
}

/** What the audit log keeps of a zone (the pincode list itself is summarised by its count). */
export function auditSnapshot(row: CustomZoneRow): Record<string, unknown> {
  const { id: _id, companyId: _c, createdBy: _b, createdAt: _at, updatedAt: _u, ...rest } = row;
  return rest;
}

/**
 * The frame every custom-zone change runs in: one unit of work in the company's scope, the company's zone revision
 * bumped first (its row lock serialises the company's zone writes, and readers' caches see the change at commit),
 * and an audit entry written in the same transaction.
 */
@Injectable()
export class CustomZoneWrites {
  constructor(
    private readonly uow: UnitOfWork,
    readonly store: CustomZoneStore,
    @Inject(AUDIT_TRAIL) private readonly trail: AuditTrail,
    private readonly caches: ZoneCaches,
  ) {}

  async run<T>(actor: ZoneActor, work: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await this.uow.run({ companyId: actor.companyId, userId: actor.userId }, async (tx) => {
      await this.store.bumpRevision(tx, actor.companyId);
      return work(tx);
    });
    await this.caches.changed(actor.companyId);
    return result;
  }

  /** The zone, or 404 (another company's zone is as absent as a missing one); 409 when the client edited an older version. */
  async load(tx: Tx, actor: ZoneActor, id: string, expectedVersion: number | undefined): Promise<CustomZoneRow> {
    const row = await this.store.get(tx, actor.companyId, id);
    if (!row) throw zoneNotFound(id);
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw new ConcurrencyError('Custom zone', id);
    return row;
  }

  async assertNameFree(tx: Tx, companyId: string, name: string, exceptId: string | null): Promise<void> {
    if (await this.store.nameTaken(tx, companyId, name, exceptId)) {
      throw new DomainError('geo.custom_zone_name_taken', `Another custom zone is already named "${name}"`, 'conflict', {
        errors: [{ field: 'name', message: 'is already used by another custom zone', code: 'geo.custom_zone_name_taken' }],
      });
    }
  }

  audit(actor: ZoneActor, action: string, zoneId: string, before?: unknown, after?: unknown, metadata?: Record<string, unknown>): Promise<void> {
    return this.trail.record({ action, companyId: actor.companyId, actorUserId: actor.userId, actorType: actor.via === 'api_key' ? 'api_key' : 'user', targetType: 'custom_zone', targetId: zoneId, before, after, metadata });
  }

  /** Format (every row) and then directory membership; any error rejects the whole list with row-numbered errors (422). */
  async checkPincodes(tx: Tx, rows: readonly PincodeRow[], field: (row: number) => string): Promise<{ pincodes: string[]; duplicates: number }> {
    const checked = checkPincodeRows(rows, field);
    const known = await this.store.knownPincodes(tx, checked.pincodes);
    const unknown: RowError[] = checked.pincodes
      .filter((p) => !known.has(p))
      .map((p) => {
        const row = checked.rowOf.get(p) as number;
        return { field: field(row), row, message: `row ${row}: ${p} is not in the pincode directory`, code: 'geo.pincode_not_found' };
      });
    const errors = [...checked.errors, ...unknown].sort((a, b) => a.row - b.row);
    if (errors.length) {
      throw new DomainError('geo.invalid_pincode_list', `${errors.length} row(s) have problems; nothing was changed`, 'validation', { errors: errors.slice(0, MAX_ROW_ERRORS), errorCount: errors.length });
    }
    return { pincodes: checked.pincodes, duplicates: checked.duplicates };
  }
}

/** The problem lists at most this many row errors (errorCount says how many there were). */
export const MAX_ROW_ERRORS = 1000;
