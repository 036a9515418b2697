import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { GEO_FACADE, GeoFacade, Zone } from '@shipcrowd/geo/contracts';
import type { ServiceabilityAnswer, ServiceabilityFacade, ServiceabilityQuery } from '../../contracts';
import { PINCODE } from '../domain/coverage';
import { decideLanes } from '../domain/serviceability-rules';
import { CoverageStore } from '../infrastructure/persistence/coverage-store';
import { catalogueServices } from './catalogue';
import { CoverageRevision } from './ports/coverage-revision.port';

/**
 * SERVICEABILITY_FACADE: pricing calls check() on every quote. One unit of work in the company's scope (joined when
 * the caller already holds one) and two statements in it: the zone (geo joins the transaction: pincodes from its
 * in-memory directory, one statement for the zone lists' key and the company's custom zones) and one aggregated
 * statement for coverage, blocks and transit days.
 */
@Injectable()
export class ServiceabilityFacadeImpl implements ServiceabilityFacade {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CoverageStore,
    private readonly revisions: CoverageRevision,
    @Inject(GEO_FACADE) private readonly geo: GeoFacade,
  ) {}

  check(query: ServiceabilityQuery): Promise<ServiceabilityAnswer> {
    const { companyId, originPincode, destinationPincode } = query;
    return this.uow.run({ companyId }, async () => {
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
      const data = await this.store.hotPath(companyId, [originPincode, destinationPincode], zone);
      const lanes = decideLanes(catalogueServices(query.b2b), data.coverage, data.blocks, data.transitDays, query);
      const answer: ServiceabilityAnswer = { zone, zoneReason, options: [], unserviceable: [] };
      for (const lane of lanes) {
        if (lane.serviceable) answer.options.push({ courier: lane.courier, service: lane.service, oda: lane.oda, zone, transitDays: lane.transitDays, maxWeightGrams: lane.maxWeightGrams, maxCodPaise: lane.maxCodPaise });
        else answer.unserviceable.push({ courier: lane.courier, service: lane.service, code: lane.code!, reason: lane.reason! });
      }
      return answer;
    });
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
