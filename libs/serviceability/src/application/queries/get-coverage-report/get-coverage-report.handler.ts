import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { COURIERS } from '@shipcrowd/couriers/contracts';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { UnitOfWork } from '@shipcrowd/platform';
import { ServiceabilityRecords } from '../../../infrastructure/persistence/serviceability-records';
import { GetCoverageReport } from './get-coverage-report.query';

export interface CoverageShare {
  /** Directory pincodes in scope. */
  pincodes: number;
  prepaid: number;
  cod: number;
  pickup: number;
  /** Shares 0-1, rounded to 4 decimals. */
  prepaidShare: number;
  codShare: number;
  pickupShare: number;
}

export interface CourierCoverageReport {
  courier: string;
  name: string;
  overall: CoverageShare;
  states: (CoverageShare & { gstStateCode: string })[];
}

const share = (n: number, of: number) => (of ? Math.round((n / of) * 10_000) / 10_000 : 0);
const shares = (pincodes: number, prepaid: number, cod: number, pickup: number): CoverageShare => ({ pincodes, prepaid, cod, pickup, prepaidShare: share(prepaid, pincodes), codShare: share(cod, pincodes), pickupShare: share(pickup, pincodes) });

/**
 * How close each courier's network is to covering India: directory pincodes it serves (by any of its services)
 * prepaid / COD / pickup, overall and per GST state. The directory comes from GEO_FACADE.
 */
@QueryHandler(GetCoverageReport)
export class GetCoverageReportHandler implements IQueryHandler<GetCoverageReport, { directoryPincodes: number; couriers: CourierCoverageReport[] }> {
  constructor(private readonly uow: UnitOfWork, private readonly records: ServiceabilityRecords, @Inject(GEO_FACADE) private readonly geo: GeoFacade) {}

  async execute(): Promise<{ directoryPincodes: number; couriers: CourierCoverageReport[] }> {
    return this.uow.run({ system: true }, async () => {
      const directory = await this.geo.allPincodes();
      const byState = new Map<string, string[]>();
      for (const p of directory) {
        const list = byState.get(p.gstStateCode) ?? [];
        list.push(p.pincode);
        byState.set(p.gstStateCode, list);
      }
      const states = [...byState.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([gstStateCode, pincodes]) => ({ gstStateCode, pincodes }));
      const served = await this.records.coverageByState(states);
      const couriers = COURIERS.map((c) => {
        const rows = served.filter((r) => r.courier === c.code);
        const perState = states.map(({ gstStateCode, pincodes }) => {
          const r = rows.find((x) => x.state === gstStateCode);
          return { gstStateCode, ...shares(pincodes.length, r?.prepaid ?? 0, r?.cod ?? 0, r?.pickup ?? 0) };
        });
        const sum = (k: 'prepaid' | 'cod' | 'pickup') => perState.reduce((n, s) => n + s[k], 0);
        return { courier: c.code, name: c.name, overall: shares(directory.length, sum('prepaid'), sum('cod'), sum('pickup')), states: perState };
      });
      return { directoryPincodes: directory.length, couriers };
    });
  }
}
