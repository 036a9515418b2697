import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { DomainError, FieldError, newId } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { PINCODE } from '../../../domain/coverage';
import { BlockRecord, ServiceabilityRecords } from '../../../infrastructure/persistence/serviceability-records';
import { isKnownCourier } from '../../catalogue';
import { CoverageRevision } from '../../ports/coverage-revision.port';
import { AddBlocklistEntries, RemoveBlocklistEntries } from './manage-blocklist.commands';

export const BLOCKLIST_MAX_PER_CALL = 1000;

function companyOf(actor: { companyId: string | null }): string {
  if (!actor.companyId) throw new DomainError('serviceability.company_required', 'Blocklists belong to a company; act for one', 'forbidden');
  return actor.companyId;
}

function check(pincodes: string[], couriers: (string | null | undefined)[]): void {
  const errors: FieldError[] = [];
  pincodes.forEach((p, i) => PINCODE.test(p) || errors.push({ field: `entries[${i}].pincode`, message: 'must be 6 digits, the first 1-9', code: 'geo.invalid_pincode' }));
  couriers.forEach((c, i) => c == null || isKnownCourier(c) || errors.push({ field: `entries[${i}].courier`, message: `unknown courier '${c}'`, code: 'serviceability.unknown_courier' }));
  if (errors.length) throw new DomainError('validation.failed', errors.map((e) => `${e.field}: ${e.message}`).slice(0, 5).join('; '), 'validation', { errors });
}

@CommandHandler(AddBlocklistEntries)
export class AddBlocklistEntriesHandler implements ICommandHandler<AddBlocklistEntries, { added: BlockRecord[]; alreadyBlocked: number }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly records: ServiceabilityRecords,
    private readonly revisions: CoverageRevision,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async execute({ actor, entries }: AddBlocklistEntries): Promise<{ added: BlockRecord[]; alreadyBlocked: number }> {
    const companyId = companyOf(actor);
    if (entries.length === 0 || entries.length > BLOCKLIST_MAX_PER_CALL) {
      throw new DomainError('validation.failed', `Send 1 to ${BLOCKLIST_MAX_PER_CALL} entries per call`, 'validation', { errors: [{ field: 'entries', message: `must hold 1 to ${BLOCKLIST_MAX_PER_CALL} entries`, code: 'arrayLength' }] });
    }
    check(entries.map((e) => e.pincode), entries.map((e) => e.courier));
    const now = new Date();
    const added = await this.uow.run({ companyId, userId: actor.userId }, async () => {
      const rows = await this.records.addBlocks(entries.map((e) => ({ id: newId(), companyId, pincode: e.pincode, courier: e.courier ?? null, reason: e.reason?.trim() || null, createdBy: actor.userId, createdAt: now })));
      if (rows.length) {
        await this.audit.record({ action: 'serviceability.blocklist_added', companyId, actorUserId: actor.userId, targetType: 'blocklist', after: { entries: rows.map((r) => ({ pincode: r.pincode, courier: r.courier, reason: r.reason })) } });
      }
      return rows;
    });
    if (added.length) await this.revisions.bump();
    return { added, alreadyBlocked: entries.length - added.length };
  }
}

@CommandHandler(RemoveBlocklistEntries)
export class RemoveBlocklistEntriesHandler implements ICommandHandler<RemoveBlocklistEntries, { removed: number }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly records: ServiceabilityRecords,
    private readonly revisions: CoverageRevision,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async execute({ actor, pincodes, courier }: RemoveBlocklistEntries): Promise<{ removed: number }> {
    const companyId = companyOf(actor);
    if (pincodes.length === 0 || pincodes.length > BLOCKLIST_MAX_PER_CALL) {
      throw new DomainError('validation.failed', `Send 1 to ${BLOCKLIST_MAX_PER_CALL} pincodes per call`, 'validation', { errors: [{ field: 'pincodes', message: `must hold 1 to ${BLOCKLIST_MAX_PER_CALL} pincodes`, code: 'arrayLength' }] });
    }
    check(pincodes, [courier]);
    const removed = await this.uow.run({ companyId, userId: actor.userId }, async () => {
      const rows = await this.records.removeBlocks(companyId, pincodes, courier);
      if (rows.length) {
        await this.audit.record({ action: 'serviceability.blocklist_removed', companyId, actorUserId: actor.userId, targetType: 'blocklist', before: { entries: rows.map((r) => ({ pincode: r.pincode, courier: r.courier, reason: r.reason })) } });
      }
      return rows.length;
    });
    if (removed) await this.revisions.bump();
    return { removed };
  }
}
