import { DomainError } from '@shipcrowd/kernel';
import type { Quote, QuoteOption } from '@shipcrowd/pricing/contracts';

export interface CourierChoice {
  option: QuoteOption;
  /** Why this courier, in words the seller reads on the shipment. */
  reason: string;
}

/**
 * Picks the option to book: the seller's explicit courier (and service), else the first routing-rule preference the
 * quote can serve, else the quote's recommendation. Refusals name what was not serviceable.
 */
export function chooseCourier(quote: Quote, wanted: { courier?: string; service?: string }, preference: readonly string[]): CourierChoice {
  const best = (options: QuoteOption[]) => [...options].sort((a, b) => b.score - a.score || a.totalPaise - b.totalPaise)[0];
  if (wanted.courier) {
    const options = quote.options.filter((o) => o.courier === wanted.courier && (!wanted.service || o.service === wanted.service));
    if (!options.length) {
      const why = quote.unserviceable.filter((u) => u.courier === wanted.courier && (!wanted.service || u.service === wanted.service));
      throw new DomainError('shipment.not_serviceable', `${wanted.courier}${wanted.service ? ` ${wanted.service}` : ''} cannot carry this shipment${why.length ? `: ${why.map((u) => u.reason).join('; ')}` : ' (no rate card or coverage)'}.`, 'rule', {
        courier: wanted.courier,
        service: wanted.service ?? null,
        reasons: why,
      });
    }
    return { option: best(options), reason: 'chosen by the seller' };
  }
  for (const courier of preference) {
    const options = quote.options.filter((o) => o.courier === courier);
    if (options.length) return { option: best(options), reason: `routing rule preference (${courier})` };
  }
  const recommended = quote.recommended && quote.options.find((o) => o.courier === quote.recommended!.courier && o.service === quote.recommended!.service);
  if (!recommended) {
    throw new DomainError('shipment.not_serviceable', 'No courier can carry this shipment on this lane.', 'rule', { reasons: quote.unserviceable });
  }
  return { option: recommended, reason: `recommended: ${quote.recommended!.reason}` };
}
