import { Inject, Logger } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@shipcrowd/kernel';
import { COURIERS, COURIERS_FACADE, courierProfile } from '../../../../contracts';
import type { CourierCode, CouriersFacade, RateQuery } from '../../../../contracts';
import { CourierProviders } from '../../courier-providers';
import { CompareCourierRates, CourierRatesAnswer } from './compare-courier-rates.query';

/** Codes that mean the courier cannot price this way at all, rather than that asking it failed. */
const UNSUPPORTED = new Set(['courier.unknown', 'courier.capability_unsupported']);

/**
 * Asks the couriers in parallel, each through the gateway with the company's credentials (its own, else the
 * platform's), and answers per courier: one courier failing or refusing never fails the comparison. Each courier's
 * rates come cheapest first, and couriers by their cheapest rate (see cheapestFirst).
 */
@QueryHandler(CompareCourierRates)
export class CompareCourierRatesHandler implements IQueryHandler<CompareCourierRates, CourierRatesAnswer[]> {
  private readonly logger = new Logger('couriers');

  constructor(
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    private readonly providers: CourierProviders,
  ) {}

  async execute({ companyId, query, couriers }: CompareCourierRates): Promise<CourierRatesAnswer[]> {
    const asked = couriers ? [...new Set(couriers)] : this.pricingThroughApi();
    const answers = await Promise.all(asked.map((courier) => this.ask(companyId, courier, query)));
    return answers.sort(cheapestFirst);
  }

  /** Catalogue couriers whose integration prices through the courier's API. */
  private pricingThroughApi(): CourierCode[] {
    return COURIERS.map((c) => this.providers.find(c.code))
      .filter((adapter) => adapter?.capabilities.rateApi && adapter.rates)
      .map((adapter) => adapter!.code);
  }

  private async ask(companyId: string, courier: CourierCode, query: RateQuery): Promise<CourierRatesAnswer> {
    try {
      const rates = await this.couriers.rates(companyId, courier, query);
      return { courier, status: 'ok', rates: [...rates].sort((a, b) => a.totalPaise - b.totalPaise) };
    } catch (error) {
      if (error instanceof DomainError) return { courier, status: UNSUPPORTED.has(error.code) ? 'unsupported' : 'error', error: { code: error.code, detail: error.message } };
      this.logger.error({ err: error, courier }, 'courier rate quote failed unexpectedly');
      return { courier, status: 'error', error: { code: 'internal', detail: `Asking ${courierProfile(courier)?.name ?? courier} failed unexpectedly.` } };
    }
  }
}

/** Priced answers by their cheapest rate, then couriers with no price on the lane, failures, unsupported; ties in catalogue order. */
function cheapestFirst(a: CourierRatesAnswer, b: CourierRatesAnswer): number {
  const [x, y] = [sortKey(a), sortKey(b)];
  return x.rank - y.rank || x.price - y.price || x.order - y.order;
}

function sortKey(answer: CourierRatesAnswer): { rank: number; price: number; order: number } {
  const order = COURIERS.findIndex((c) => c.code === answer.courier);
  if (answer.status !== 'ok') return { rank: answer.status === 'error' ? 2 : 3, price: 0, order };
  return answer.rates.length ? { rank: 0, price: answer.rates[0].totalPaise, order } : { rank: 1, price: 0, order };
}
