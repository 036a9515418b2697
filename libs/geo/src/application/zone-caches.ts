import { Injectable } from '@nestjs/common';
import { ChangeSignals, SignalledCache } from '@shipcrowd/platform';
import type { ZoneDecision } from '../../contracts';

const ZONES_CHANGED = 'geo.zones';
const companyOfKey = (key: string): string | null => key.slice(0, key.indexOf('|')) || null;

/**
 * Zone answers kept in-process for the quote and serviceability hot path: the decision per (company, origin,
 * destination) and the company's zone revision. A custom-zone change drops the company's entries and a published
 * zone list drops everything, in every process (ChangeSignals), so a hit needs no database round trip.
 */
@Injectable()
export class ZoneCaches {
  readonly decisions: SignalledCache<ZoneDecision>;
  readonly revisions: SignalledCache<string>;

  constructor(private readonly signals: ChangeSignals) {
    this.decisions = new SignalledCache(signals, [ZONES_CHANGED], { maxEntries: 50_000, subjectOf: companyOfKey });
    this.revisions = new SignalledCache(signals, [ZONES_CHANGED], { maxEntries: 20_000, subjectOf: companyOfKey });
  }

  static decisionKey(companyId: string | null, origin: string, destination: string): string {
    return `${companyId ?? ''}|${origin}|${destination}`;
  }

  static revisionKey(companyId: string): string {
    return `${companyId}|`;
  }

  /** Call after the commit: `companyId`'s custom zones changed, or (null) the platform's zone lists did. */
  changed(companyId: string | null): Promise<void> {
    return this.signals.changed(ZONES_CHANGED, companyId);
  }
}
