import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ZoneDecision } from '../../../../contracts';
import { assertPincode, pincodeNotFound } from '../../../domain/errors';
import { decideZone } from '../../../domain/zone';
import { CustomZoneStore } from '../../../infrastructure/persistence/custom-zone-store';
import { GeoStore } from '../../../infrastructure/persistence/geo-store';
import { CustomZoneMatcher } from '../../custom-zone-matcher';
import { ZoneCaches } from '../../zone-caches';
import { GetZone } from './get-zone.query';

/**
 * The zone of a trip, on the quote and serviceability hot path: the pincodes come from the in-memory directory, and
 * ONE statement (CustomZoneStore.lookup) reads the active zone lists' key plus the company's custom-zone revision and
 * listings. The lists and the company's rules are cached in-process and reloaded only when those keys move, and
 * the decisions themselves are kept in ZoneCaches until a zone change is signalled.
 */
@QueryHandler(GetZone)
export class GetZoneHandler implements IQueryHandler<GetZone, ZoneDecision> {
  constructor(
    private readonly store: GeoStore,
    private readonly customZoneStore: CustomZoneStore,
    private readonly customZones: CustomZoneMatcher,
    private readonly caches: ZoneCaches,
  ) {}

  execute({ origin, destination, companyId }: GetZone): Promise<ZoneDecision> {
    assertPincode(origin, 'origin');
    assertPincode(destination, 'destination');
    return this.caches.decisions.get(ZoneCaches.decisionKey(companyId, origin, destination), () => this.decide(origin, destination, companyId));
  }

  private async decide(origin: string, destination: string, companyId: string | null): Promise<ZoneDecision> {
    const rows = await this.store.pincodes(origin === destination ? [origin] : [origin, destination]);
    const from = rows.find((r) => r.pincode === origin);
    const to = rows.find((r) => r.pincode === destination);
    if (!from) throw pincodeNotFound(origin);
    if (!to) throw pincodeNotFound(destination);
    const decide = async (found: Awaited<ReturnType<CustomZoneStore['lookup']>>, match: () => ReturnType<CustomZoneMatcher['match']>): Promise<ZoneDecision> => {
      const lists = await this.store.activeLists(found.listsKey);
      const listsVersion = { ...lists.version };
      const custom = await match();
      if (custom) {
        return { zone: custom.rule.zone, customZone: { id: custom.rule.id, name: custom.rule.name, matchedBy: custom.matchedBy }, reason: custom.reason, origin: from, destination: to, listsVersion };
      }
      const { zone, reason } = decideZone(from, to, lists);
      return { zone, customZone: null, reason, origin: from, destination: to, listsVersion };
    };
    const pins = [origin, destination];
    if (!companyId) {
      // No tenant data involved: one statement, joining the caller's transaction or on its own (no BEGIN/COMMIT).
      const found = await this.store.readOnce((db) => this.customZoneStore.lookup(db, null, pins));
      return decide(found, async () => null);
    }
    // Custom zones are tenant data: in the company's scope (the caller's unit of work when it has one).
    return this.store.read(async (tx) => {
      const found = await this.customZoneStore.lookup(tx, companyId, pins);
      return decide(found, () => this.customZones.match(tx, companyId, found.custom, from, to));
    }, companyId);
  }
}
