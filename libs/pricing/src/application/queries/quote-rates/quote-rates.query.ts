import type { QuoteRequest } from '../../../../contracts';

/** Every serviceable courier/service priced for a shipment, with a recommendation. */
export class QuoteRates {
  constructor(readonly request: QuoteRequest) {}
}
