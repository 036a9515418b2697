import { Body, Controller, Get, Header, HttpCode, Inject, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, companyOf, CurrentPrincipal, Principal, RequirePermissions } from '@shipcrowd/platform';
import { PRICING_FACADE, PricingFacade } from '../../../contracts';
import { SetQuotePreferences } from '../../application/commands/pricing-settings/pricing-settings.commands';
import { ApplicableRateCards, GetQuotePreferences } from '../../application/queries/rate-cards/rate-cards.queries';
import { quoteBytes } from '../../application/quote-json';
import { ApplicableRateCardsDto, QuoteDto, QuotePreferencesDto, QuotePreferencesViewDto, QuoteRequestDto } from './pricing.dto';

/** Sellers: quotes across every serviceable courier, the selection weights behind the recommendation. */
@ApiTags('rates')
@Controller('v1/rates')
export class RatesController {
  constructor(
    @Inject(PRICING_FACADE) private readonly pricing: PricingFacade,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('quote')
  @HttpCode(200)
  @Header('Content-Type', 'application/json; charset=utf-8')
  @RequirePermissions('rates.read')
  @ApiOperation({
    summary: 'Quote every serviceable courier/service: total with line breakdown (freight, slabs, COD, fuel, seasonal, ODA, GST), zone and why, chargeable weight, delivery days, RTO charge, score and a recommendation with its reason',
  })
  @ApiOkResponse({ type: QuoteDto })
  @ApiProblems(404, 422)
  async quote(@CurrentPrincipal() principal: Principal, @Body() body: QuoteRequestDto): Promise<Buffer> {
    return quoteBytes(await this.pricing.quote({ ...body, companyId: companyOf(principal) }));
  }

  @Get('preferences')
  @RequirePermissions('rates.read')
  @ApiOperation({ summary: "The company's courier-selection weights (default cost 0.7, speed 0.3, performance 0)" })
  @ApiOkResponse({ type: QuotePreferencesViewDto })
  getPreferences(@CurrentPrincipal() principal: Principal): Promise<unknown> {
    return this.queries.execute(new GetQuotePreferences(companyOf(principal)));
  }

  @Put('preferences')
  @RequirePermissions('rates.manage')
  @ApiOperation({ summary: 'Set the selection weights (each 0..1, adding up to 1); audited' })
  @ApiOkResponse({ type: QuotePreferencesViewDto })
  @ApiProblems(422)
  async setPreferences(@CurrentPrincipal() principal: Principal, @Body() body: QuotePreferencesDto): Promise<unknown> {
    await this.commands.execute(new SetQuotePreferences(companyOf(principal), { cost: body.cost, speed: body.speed, performance: body.performance }, principal.userId));
    return this.queries.execute(new GetQuotePreferences(companyOf(principal)));
  }
}

/** Sellers: the rate cards that price their quotes (own overrides, VIP tier, B2B, platform base). */
@ApiTags('rate-cards')
@Controller('v1/rate-cards')
export class RateCardsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermissions('rates.read')
  @ApiOperation({ summary: 'For every courier service, the card that prices your quotes now and why' })
  @ApiOkResponse({ type: ApplicableRateCardsDto })
  applicable(@CurrentPrincipal() principal: Principal): Promise<unknown> {
    return this.queries.execute(new ApplicableRateCards(companyOf(principal)));
  }
}
