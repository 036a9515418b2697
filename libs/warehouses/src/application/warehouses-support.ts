import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { ConcurrencyError, DomainError } from '@shipcrowd/kernel';
import type { Actor } from './actor';
import type { PincodeFacts, Warehouse } from '../domain/warehouse';
import type { WarehouseRepository } from '../domain/warehouse.repository';

/** The pincode directory as warehouses need it: city, state, GST state code and coordinates. */
@Injectable()
export class PincodeDirectory {
  constructor(@Inject(GEO_FACADE) private readonly geo: GeoFacade) {}

  async facts(pincode: string): Promise<PincodeFacts | null> {
    const found = await this.geo.pincode(pincode.trim());
    return found ? { city: found.district, state: found.state, gstStateCode: found.gstStateCode, latitude: found.latitude, longitude: found.longitude } : null;
  }
}

/** Audit entries for warehouse changes, written inside the open unit of work. */
@Injectable()
export class WarehousesAudit {
  constructor(@Inject(AUDIT_TRAIL) private readonly trail: AuditTrail) {}

  record(actor: Actor, action: string, targetId: string, before: unknown, after: unknown, metadata?: Record<string, unknown>): Promise<void> {
    return this.trail.record({
      action,
      companyId: actor.companyId,
      actorUserId: actor.userId,
      actorType: actor.via === 'api_key' ? 'api_key' : 'user',
      targetType: 'warehouse',
      targetId,
      before,
      after,
      metadata,
    });
  }
}

export async function loadWarehouse(repo: WarehouseRepository, companyId: string, id: string, expectedVersion?: number): Promise<Warehouse> {
  const warehouse = await repo.find(companyId, id);
  if (!warehouse) throw new DomainError('warehouse.not_found', 'No such warehouse.', 'not_found');
  if (expectedVersion !== undefined && expectedVersion !== warehouse.version) throw new ConcurrencyError('Warehouse', id);
  return warehouse;
}

/** What the audit log keeps of a warehouse (no coordinates noise). */
export function auditSnapshot(w: Warehouse): Record<string, unknown> {
  const p = w.props;
  return { code: p.code, name: p.name, pincode: p.pincode, contactName: p.contactName, contactPhone: p.contactPhone, contactEmail: p.contactEmail, addressLine1: p.addressLine1, addressLine2: p.addressLine2, gstin: p.gstin, isDefault: p.isDefault, active: p.active, operatingHours: p.operatingHours };
}

export function codeTaken(code: string): DomainError {
  return new DomainError('warehouses.code_taken', `A warehouse with code ${code} already exists.`, 'conflict', { errors: [{ field: 'code', message: `${code} is already used by another warehouse`, code: 'code_taken' }] });
}

export function tooManyWarehouses(max: number): DomainError {
  return new DomainError('warehouses.limit_reached', `A company can have at most ${max} warehouses; delete or reuse one.`, 'conflict');
}
