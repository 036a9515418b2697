import { CoverageRow, sameFlags } from './coverage';

export interface CoverageDiff {
  /** New lanes and lanes whose flags or limits changed. */
  upserts: CoverageRow[];
  /** Lanes the courier no longer serves. */
  removals: Pick<CoverageRow, 'courier' | 'service' | 'pincode'>[];
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

const key = (r: Pick<CoverageRow, 'courier' | 'service' | 'pincode'>) => `${r.courier}|${r.service}|${r.pincode}`;

/**
 * What to change so that stored coverage equals the courier's current list. `current` and `incoming` must
 * cover the same couriers/services (the whole published list): a stored lane missing from `incoming` is removed.
 */
export function diffCoverage(current: Iterable<CoverageRow>, incoming: Iterable<CoverageRow>): CoverageDiff {
  const stored = new Map<string, CoverageRow>();
  for (const row of current) stored.set(key(row), row);
  const diff: CoverageDiff = { upserts: [], removals: [], added: 0, updated: 0, removed: 0, unchanged: 0 };
  const seen = new Set<string>();
  for (const row of incoming) {
    const k = key(row);
    if (seen.has(k)) continue;
    seen.add(k);
    const before = stored.get(k);
    if (!before) {
      diff.upserts.push(row);
      diff.added++;
    } else if (!sameFlags(before, row)) {
      diff.upserts.push(row);
      diff.updated++;
    } else {
      diff.unchanged++;
    }
  }
  for (const [k, row] of stored) {
    if (seen.has(k)) continue;
    diff.removals.push({ courier: row.courier, service: row.service, pincode: row.pincode });
    diff.removed++;
  }
  return diff;
}
