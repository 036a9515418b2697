import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { PricingFacade, Quote, QuoteRequest } from '../../contracts';
import { QuoteRates } from './queries/quote-rates/quote-rates.query';

@Injectable()
export class PricingFacadeImpl implements PricingFacade {
  constructor(private readonly queries: QueryBus) {}

  /** Joins the caller's unit of work when one is open (reads only). Throws DomainError validation / geo errors. */
  quote(request: QuoteRequest): Promise<Quote> {
    return this.queries.execute(new QuoteRates(request));
  }
}
