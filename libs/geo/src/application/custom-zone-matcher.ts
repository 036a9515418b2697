import { Injectable } from '@nestjs/common';
import type { Tx } from '@shipcrowd/platform';
import { prepareBoundary } from '../domain/boundary';
import { byPrecedence, CustomZoneMatch, CustomZoneRule, decideCustomZone, LocatedPincode } from '../domain/custom-zone';
import { CustomZoneStore } from '../infrastructure/persistence/custom-zone-store';

/** Companies whose rules stay cached (least recently used ones are dropped beyond this). */
const MAX_CACHED_COMPANIES = 1000;

/**
 * Finds the company custom zone that decides a trip, on the quote hot path.
 *
 * Per call: the caller's ONE indexed statement (custom-zone-store `lookup`, which also reads the active zone lists' key)
 * returns the company's zone revision and the zones whose pincode lists hold the origin or destination. The active zones themselves (names, letters, priorities, prepared
 * boundaries) are cached in-process per company and reloaded only when that revision differs from the cached one.
 *
 * Why a revision row in PostgreSQL rather than a counter in Redis: the revision is bumped inside the same transaction
 * as the change (no "bump after commit" step that a crash or a Redis outage could skip, leaving a stale cache forever),
 * and it is read in the same statement as the list lookup, so checking it costs no extra round trip and every process
 * (API, worker, several replicas) sees a change exactly when it commits. Quotes also keep working when Redis is down.
 */
export type CustomZoneLookup = NonNullable<Awaited<ReturnType<CustomZoneStore['lookup']>>['custom']>;

@Injectable()
export class CustomZoneMatcher {
  private readonly cache = new Map<string, { revision: number; rules: CustomZoneRule[] }>();

  constructor(private readonly store: CustomZoneStore) {}

  /**
   * Null when the company has no custom zone that covers this trip (the engine decides). `found` is what
   * CustomZoneStore.lookup returned for these two pincodes in this transaction. Call inside a unit of work.
   */
  async match(tx: Tx, companyId: string, found: CustomZoneLookup | null, origin: LocatedPincode, destination: LocatedPincode): Promise<CustomZoneMatch | null> {
    if (!found) return null;
    const rules = await this.rules(tx, companyId, found.revision);
    if (rules.length === 0) return null;
    const listed = new Set(found.listed.map((l) => `${l.zoneId}:${l.pincode}`));
    return decideCustomZone(rules, (zoneId, pincode) => listed.has(`${zoneId}:${pincode}`), origin, destination);
  }

  /** How many companies' rules this process holds (for tests and metrics). */
  cachedCompanies(): number {
    return this.cache.size;
  }

  private async rules(tx: Tx, companyId: string, revision: number): Promise<CustomZoneRule[]> {
    const cached = this.cache.get(companyId);
    this.cache.delete(companyId);
    if (cached && cached.revision === revision) {
      this.cache.set(companyId, cached);
      return cached.rules;
    }
    // Read in a later statement, so the revision loaded here is >= the one looked up: label the rules with it.
    const loaded = await this.store.activeRules(tx, companyId);
    const rules = loaded.zones
      .map((z): CustomZoneRule => ({ id: z.id, name: z.name, zone: z.zone, matchScope: z.match_scope, priority: z.priority, boundary: z.boundary ? prepareBoundary(z.boundary) : null }))
      .sort(byPrecedence);
    this.cache.set(companyId, { revision: loaded.revision, rules });
    if (this.cache.size > MAX_CACHED_COMPANIES) this.cache.delete(this.cache.keys().next().value as string);
    return rules;
  }
}
