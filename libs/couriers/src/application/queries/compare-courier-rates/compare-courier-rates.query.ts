import type { CourierCode, CourierRate, RateQuery } from '../../../../contracts';

/** The company's live prices from every courier that prices through its API, or from the listed couriers. */
export class CompareCourierRates {
  constructor(
    readonly companyId: string,
    readonly query: RateQuery,
    /** Only these couriers (each answered, even when it cannot price); all that price through their API when absent. */
    readonly couriers?: readonly CourierCode[],
  ) {}
}

/** One courier's part of the comparison: its prices, or why there are none. */
export type CourierRatesAnswer =
  | { courier: CourierCode; status: 'ok'; rates: CourierRate[] }
  | { courier: CourierCode; status: 'error' | 'unsupported'; error: { code: string; detail: string } };
