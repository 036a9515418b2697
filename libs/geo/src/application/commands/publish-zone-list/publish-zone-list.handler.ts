import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { CLOCK, Clock, DomainError, FieldError, newId } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { GeoStore, ZoneListRow } from '../../../infrastructure/persistence/geo-store';
import { ZoneCaches } from '../../zone-caches';
import { PublishZoneList, ZoneListInput } from './publish-zone-list.command';

const GST_CODES = new Set(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '26', '27', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38', '97']);

@CommandHandler(PublishZoneList)
export class PublishZoneListHandler implements ICommandHandler<PublishZoneList, ZoneListRow> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: GeoStore,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly caches: ZoneCaches,
  ) {}

  async execute({ input, adminUserId }: PublishZoneList): Promise<ZoneListRow> {
    const entries = normalise(input);
    const published = await this.uow.run({ system: true, userId: adminUserId }, async (tx) => {
      const previous = (await this.store.allLists()).find((l) => l.kind === input.kind && l.active) ?? null;
      const row = await this.store.appendVersion(tx, { id: newId(), kind: input.kind, entries, createdBy: adminUserId, createdAt: this.clock.now() });
      await this.audit.record({
        action: 'geo.zone_list_published',
        companyId: null,
        actorUserId: adminUserId,
        actorType: 'platform_admin',
        targetType: 'zone_list',
        targetId: row.id,
        before: previous ? { version: previous.version, entries: previous.entries } : undefined,
        after: { version: row.version, entries },
        metadata: { kind: input.kind },
      });
      return row;
    });
    await this.caches.changed(null);
    return published;
  }
}

/** Trims and de-duplicates entries; rejects empty names and unknown GST state codes. */
function normalise(input: ZoneListInput): unknown {
  const errors: FieldError[] = [];
  if (input.kind === 'special') {
    const codes = [...new Set(input.entries.map((c) => c.trim()))];
    codes.forEach((c, i) => GST_CODES.has(c) || errors.push({ field: `entries[${i}]`, message: `${c} is not a GST state code`, code: 'geo.unknown_state_code' }));
    if (errors.length) throw new DomainError('geo.invalid_zone_list', 'The special-region list has unknown state codes', 'validation', { errors });
    return codes;
  }
  const cities = input.entries.map((m) => ({ city: m.city.trim(), districts: [...new Set(m.districts.map((d) => d.trim()).filter(Boolean))] }));
  cities.forEach((m, i) => {
    if (!m.city) errors.push({ field: `entries[${i}].city`, message: 'must not be empty', code: 'geo.empty_city' });
    if (m.districts.length === 0) errors.push({ field: `entries[${i}].districts`, message: 'must name at least one district', code: 'geo.empty_districts' });
  });
  if (new Set(cities.map((m) => m.city.toLowerCase())).size !== cities.length) errors.push({ field: 'entries', message: 'cities must be unique', code: 'geo.duplicate_city' });
  if (errors.length) throw new DomainError('geo.invalid_zone_list', 'The metro list is invalid', 'validation', { errors });
  return cities;
}
