import type { Quote } from '../../../contracts';

/** The change signal sent with every pricing revision bump. */
export const PRICING_CHANGED = 'pricing.revision';

/**
 * The quote cache and the pricing revision. The revision is a counter bumped after the commit of any change
 * that can alter a price (rate cards, tiers, preferences, courier performance); cached quotes are keyed by it
 * (and by the serviceability revision), so a change makes every older answer unreachable at once.
 */
export abstract class QuoteCache {
  abstract revision(): Promise<number>;
  abstract bumpRevision(): Promise<number>;
  /** The cached quote (shared: callers must not mutate it), or null. */
  abstract get(key: string): Promise<Quote | null>;
  abstract set(key: string, quote: Quote): Promise<void>;
}
