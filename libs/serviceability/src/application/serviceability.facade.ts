import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@shipcrowd/kernel';
import { ChangeSignals, SignalledCache, UnitOfWork } from '@shipcrowd/platform';
import { GEO_FACADE, GeoFacade, Zone } from '@shipcrowd/geo/contracts';
import type { ServiceabilityAnswer, ServiceabilityFacade, ServiceabilityQuery } from '../../contracts';
import { PINCODE } from '../domain/coverage';
import { CoverageIndex, decideLanes, indexCoverage } from '../domain/serviceability-rules';
import { CoverageStore, HotPathData } from '../infrastructure/persistence/coverage-store';
import { catalogueServices } from './catalogue';
import { COVERAGE_CHANGED, CoverageRevision } from './ports/coverage-revision.port';

/**
 * SERVICEABILITY_FACADE: pricing calls check() on every quote. The zone comes from geo (cached there) and the lanes of
 * both pincodes, the company's blocks on them and the zone's transit days from one aggregated statement, kept
 * in-process until coverage, transit times or a blocklist change (the coverage revision's change signal). A warm
 * check therefore touches neither PostgreSQL nor Redis; a cold one runs in the caller's unit of work or its own.
 */
@Injectable()
export class ServiceabilityFacadeImpl implements ServiceabilityFacade {
  private readonly hotPaths: SignalledCache<Omit<HotPathData, 'coverage'> & { coverage: CoverageIndex }>;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CoverageStore,
    private readonly revisions: CoverageRevision,
    @Inject(GEO_FACADE) private readonly geo: GeoFacade,
    signals: ChangeSignals,
  ) {
    this.hotPaths = new SignalledCache(signals, [COVERAGE_CHANGED], { maxEntries: 20_000 });
  }

  async check(query: ServiceabilityQuery): Promise<ServiceabilityAnswer> {
    const { companyId, originPincode, destinationPincode } = query;
    let zone: Zone;
    let zoneReason: string;
    if (query.zone) {
      assertPincode(originPincode, 'origin');
      assertPincode(destinationPincode, 'destination');
      zone = query.zone;
      zoneReason = 'Zone decided by the caller';
    } else {
      const decision = await this.geo.zoneBetween(originPincode, destinationPincode, companyId);
      zone = decision.zone;
      zoneReason = decision.reason;
    }
    const pincodes = [originPincode, destinationPincode];
    const data = await this.hotPaths.get(`${companyId}|${originPincode}|${destinationPincode}|${zone}`, () =>
      this.uow.run({ companyId }, async () => {
        const read = await this.store.hotPath(companyId, pincodes, zone);
        return { ...read, coverage: indexCoverage(read.coverage) };
      }),
    );
    const lanes = decideLanes(catalogueServices(query.b2b), data.coverage, data.blocks, data.transitDays, query);
    const answer: ServiceabilityAnswer = { zone, zoneReason, options: [], unserviceable: [] };
    for (const lane of lanes) {
      if (lane.serviceable) answer.options.push({ courier: lane.courier, service: lane.service, oda: lane.oda, zone, transitDays: lane.transitDays, maxWeightGrams: lane.maxWeightGrams, maxCodPaise: lane.maxCodPaise });
      else answer.unserviceable.push({ courier: lane.courier, service: lane.service, code: lane.code!, reason: lane.reason! });
    }
    return answer;
  }

  revision(): Promise<number> {
    return this.revisions.current();
  }
}

function assertPincode(value: string, field: string): void {
  if (!PINCODE.test(value)) {
    throw new DomainError('geo.invalid_pincode', `${field} must be a 6-digit Indian pincode not starting with 0`, 'validation', { errors: [{ field, message: 'must be 6 digits, the first 1-9', code: 'geo.invalid_pincode' }] });
  }
}
