import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, companyOf, CurrentPrincipal, Principal, RequirePermissions } from '@shipcrowd/platform';
import { COURIERS, COURIERS_FACADE, CourierCode, CourierRate, CouriersFacade, CourierServiceability } from '../../../contracts';
import { CompareCourierRates, CourierRatesAnswer } from '../../application/queries/compare-courier-rates/compare-courier-rates.query';
import { CompareRateQuotesDto, CourierRateComparisonDto, CourierRatesDto, CourierServiceabilityDto, RateQuoteDto, ServiceabilityCheckDto } from './courier-quotes.dto';

const courierParam = () => ApiParam({ name: 'courier', enum: COURIERS.map((c) => c.code), description: 'Courier code (GET /v1/couriers)' });

/**
 * Sellers: the couriers' own live answers, asked with the company's courier accounts (else the platform's), next to
 * Shipcrowd's coverage tables and rate cards (GET /v1/serviceability, POST /v1/rates/quote). rates.read: "quote rates,
 * check serviceability".
 */
@ApiTags('couriers')
@Controller('v1')
@RequirePermissions('rates.read')
export class CourierQuotesController {
  constructor(
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    private readonly queries: QueryBus,
  ) {}

  @Post('couriers/:courier/serviceability-checks')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask the courier itself whether it carries a pincode pair (live, through its API)',
    description: 'Only couriers whose capabilities say serviceabilityApi (GET /v1/couriers); others answer 422 courier.capability_unsupported. A courier that does not answer gives 503 courier.unavailable; one that refuses the request or the credentials, 422 courier.rejected or courier.auth_failed.',
  })
  @courierParam()
  @ApiOkResponse({ type: CourierServiceabilityDto })
  @ApiProblems(404, 422, 503)
  serviceability(@CurrentPrincipal() principal: Principal, @Param('courier') courier: string, @Body() body: ServiceabilityCheckDto): Promise<CourierServiceability> {
    return this.couriers.serviceability(companyOf(principal), courier as CourierCode, body.toQuery());
  }

  @Post('couriers/:courier/rate-quotes')
  @HttpCode(200)
  @ApiOperation({
    summary: "The courier's own prices for a parcel on a lane (live, through its API)",
    description: 'Only couriers whose capabilities say rateApi; others answer 422 courier.capability_unsupported. Errors as for serviceability checks.',
  })
  @courierParam()
  @ApiOkResponse({ type: CourierRatesDto })
  @ApiProblems(404, 422, 503)
  async rates(@CurrentPrincipal() principal: Principal, @Param('courier') courier: string, @Body() body: RateQuoteDto): Promise<{ courier: string; rates: CourierRate[] }> {
    return { courier, rates: await this.couriers.rates(companyOf(principal), courier as CourierCode, body.toQuery()) };
  }

  @Post('courier-rate-quotes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Live prices from every courier that prices through its API (or the listed ones), asked in parallel, cheapest first',
    description: 'Answers per courier: status ok with rates, or error / unsupported with the problem code and detail the single-courier route would give. One courier failing never fails the answer.',
  })
  @ApiOkResponse({ type: CourierRateComparisonDto })
  @ApiProblems(422)
  async compare(@CurrentPrincipal() principal: Principal, @Body() body: CompareRateQuotesDto): Promise<{ items: CourierRatesAnswer[] }> {
    return { items: await this.queries.execute(new CompareCourierRates(companyOf(principal), body.toQuery(), body.couriers)) };
  }
}
