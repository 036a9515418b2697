import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { COURIERS } from '@shipcrowd/couriers/contracts';
import { UnitOfWork } from '@shipcrowd/platform';
import { ZONES, ZoneCode } from '../../../domain/sandbox-coverage';
import { ServiceabilityRecords } from '../../../infrastructure/persistence/serviceability-records';
import { ListTransitTimes } from './list-transit-times.query';

export interface TransitMatrixRow {
  courier: string;
  courierName: string;
  service: string;
  serviceName: string;
  /** Days per zone; null = not published. */
  days: Record<ZoneCode, number | null>;
  updatedAt: string | null;
}

/** The matrix: one row per catalogue service (display order), one column per zone. */
@QueryHandler(ListTransitTimes)
export class ListTransitTimesHandler implements IQueryHandler<ListTransitTimes, TransitMatrixRow[]> {
  constructor(private readonly uow: UnitOfWork, private readonly records: ServiceabilityRecords) {}

  async execute(): Promise<TransitMatrixRow[]> {
    const times = await this.uow.run({ system: true }, () => this.records.transitTimes());
    return COURIERS.flatMap((c) =>
      c.services.map((s) => {
        const mine = times.filter((t) => t.courier === c.code && t.service === s.code);
        const days = Object.fromEntries(ZONES.map((z) => [z, mine.find((t) => t.zone === z)?.days ?? null])) as Record<ZoneCode, number | null>;
        const updatedAt = mine.reduce<Date | null>((latest, t) => (!latest || t.updatedAt > latest ? t.updatedAt : latest), null);
        return { courier: c.code, courierName: c.name, service: s.code, serviceName: s.name, days, updatedAt: updatedAt?.toISOString() ?? null };
      }),
    );
  }
}
