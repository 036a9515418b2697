import { rupees } from './money';

/** How a company weighs cost, speed and courier performance when Shipcrowd recommends a courier. */
export interface SelectionWeights {
  cost: number;
  speed: number;
  performance: number;
}

export const DEFAULT_SELECTION_WEIGHTS: SelectionWeights = { cost: 0.7, speed: 0.3, performance: 0 };
/** A courier nobody has measured yet scores this (tracking will feed real numbers later). */
export const NEUTRAL_PERFORMANCE = 0.8;

export function weightsProblem(w: SelectionWeights): string | null {
  const parts = [w.cost, w.speed, w.performance];
  if (parts.some((p) => typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 1)) return 'each weight must be between 0 and 1';
  if (Math.abs(parts.reduce((a, b) => a + b, 0) - 1) > 1e-6) return 'weights must add up to 1';
  return null;
}

export interface Candidate {
  key: string;
  totalPaise: number;
  /** null = the courier has no transit time for the zone (scores 0 on speed). */
  transitDays: number | null;
  /** 0..1 */
  performance: number;
}

export interface Scored {
  key: string;
  score: number;
}

/**
 * Score in 0..1 (higher is better): cost = cheapest / this total, speed = fastest / this transit time,
 * performance = the courier's score; weighted by the company's weights, rounded to two decimals.
 */
export function scoreCandidates(candidates: Candidate[], weights: SelectionWeights): Scored[] {
  if (candidates.length === 0) return [];
  const cheapest = Math.min(...candidates.map((c) => c.totalPaise));
  const known = candidates.map((c) => c.transitDays).filter((d): d is number => d !== null);
  const fastest = known.length ? Math.min(...known) : null;
  return candidates.map((c) => {
    const cost = c.totalPaise <= 0 ? 1 : cheapest / c.totalPaise;
    const speed = c.transitDays === null || fastest === null ? 0 : Math.max(fastest, 0.5) / Math.max(c.transitDays, 0.5);
    const raw = weights.cost * cost + weights.speed * speed + weights.performance * c.performance;
    return { key: c.key, score: Math.round(raw * 100) / 100 };
  });
}

/** Highest score; ties go to the cheaper, then the faster, then the key (stable). */
export function pickRecommended(candidates: Candidate[], scored: Scored[]): Candidate | null {
  if (!candidates.length) return null;
  const scoreOf = new Map(scored.map((s) => [s.key, s.score]));
  return [...candidates].sort(
    (a, b) =>
      (scoreOf.get(b.key) ?? 0) - (scoreOf.get(a.key) ?? 0) ||
      a.totalPaise - b.totalPaise ||
      (a.transitDays ?? Infinity) - (b.transitDays ?? Infinity) ||
      a.key.localeCompare(b.key),
  )[0];
}

/** Why the recommended option won, in words: e.g. "cheapest by Rs 12.40 and 1 day slower than the fastest; score 0.91 with weights cost 0.7, speed 0.3". */
export function recommendationReason(chosen: Candidate, candidates: Candidate[], score: number, weights: SelectionWeights): string {
  const others = candidates.filter((c) => c.key !== chosen.key);
  const parts: string[] = [];
  if (others.length === 0) {
    parts.push('the only serviceable option');
  } else {
    const cheapestOther = Math.min(...others.map((c) => c.totalPaise));
    const cheapest = Math.min(cheapestOther, chosen.totalPaise);
    if (chosen.totalPaise < cheapestOther) parts.push(`cheapest by ${rupees(cheapestOther - chosen.totalPaise)}`);
    else if (chosen.totalPaise === cheapest) parts.push('joint cheapest');
    else parts.push(`${rupees(chosen.totalPaise - cheapest)} more than the cheapest`);
    const known = candidates.map((c) => c.transitDays).filter((d): d is number => d !== null);
    if (chosen.transitDays === null) parts.push('no published transit time');
    else if (known.length) {
      const fastest = Math.min(...known);
      const slower = chosen.transitDays - fastest;
      if (slower === 0) parts.push(others.some((o) => o.transitDays === fastest) ? 'as fast as the fastest' : 'the fastest');
      else parts.push(`${slower} day${slower === 1 ? '' : 's'} slower than the fastest`);
    }
  }
  const w = [`cost ${fmt(weights.cost)}`, `speed ${fmt(weights.speed)}`];
  if (weights.performance > 0) w.push(`performance ${fmt(weights.performance)}`);
  return `${parts.join(' and ')}; score ${score.toFixed(2)} with weights ${w.join(', ')}`;
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}
