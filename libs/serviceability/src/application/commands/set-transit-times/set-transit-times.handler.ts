import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { DomainError, FieldError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { ZONES } from '../../../domain/sandbox-coverage';
import { ServiceabilityRecords } from '../../../infrastructure/persistence/serviceability-records';
import { catalogue } from '../../catalogue';
import { CoverageRevision } from '../../ports/coverage-revision.port';
import { SetTransitTimes } from './set-transit-times.command';

export const MAX_TRANSIT_DAYS = 60;

@CommandHandler(SetTransitTimes)
export class SetTransitTimesHandler implements ICommandHandler<SetTransitTimes, { updated: number }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly records: ServiceabilityRecords,
    private readonly revisions: CoverageRevision,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async execute({ actor, entries }: SetTransitTimes): Promise<{ updated: number }> {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      const known = catalogue(e.courier, e.service);
      if (known !== 'ok') errors.push({ field: `entries[${i}].${known === 'unknown_courier' ? 'courier' : 'service'}`, message: `unknown ${e.courier} ${e.service}`, code: `serviceability.${known}` });
      if (!ZONES.includes(e.zone)) errors.push({ field: `entries[${i}].zone`, message: 'must be A, B, C, D or E', code: 'isIn' });
      if (!Number.isInteger(e.days) || e.days < 0 || e.days > MAX_TRANSIT_DAYS) errors.push({ field: `entries[${i}].days`, message: `must be a whole number from 0 to ${MAX_TRANSIT_DAYS}`, code: 'max' });
      const key = `${e.courier}|${e.service}|${e.zone}`;
      if (seen.has(key)) errors.push({ field: `entries[${i}]`, message: 'repeats an earlier entry', code: 'duplicate' });
      seen.add(key);
    });
    if (!entries.length) errors.push({ field: 'entries', message: 'must not be empty', code: 'arrayMinSize' });
    if (errors.length) throw new DomainError('validation.failed', errors.map((e) => `${e.field}: ${e.message}`).slice(0, 5).join('; '), 'validation', { errors });

    await this.uow.run({ system: true, userId: actor.userId }, async () => {
      const before = new Map((await this.records.transitTimes()).map((t) => [`${t.courier}|${t.service}|${t.zone}`, t.days]));
      await this.records.setTransitTimes(entries, actor.userId, new Date());
      await this.audit.record({
        action: 'serviceability.transit_times_updated',
        companyId: null,
        actorUserId: actor.userId,
        actorType: 'platform_admin',
        targetType: 'transit_times',
        before: entries.map((e) => ({ courier: e.courier, service: e.service, zone: e.zone, days: before.get(`${e.courier}|${e.service}|${e.zone}`) ?? null })),
        after: entries,
      });
    });
    await this.revisions.bump();
    return { updated: entries.length };
  }
}
