import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PlatformAdminOnly, Principal } from '@shipcrowd/platform';
import { SetCourierPerformance, SetPricingTier } from '../../application/commands/pricing-settings/pricing-settings.commands';
import { GetPricingTier, ListCourierPerformance } from '../../application/queries/rate-cards/rate-cards.queries';
import { UuidOr404 } from './http-helpers';
import { CompanyPricingTierDto, CourierPerformanceDto, CourierPerformanceInputDto, CourierPerformanceListDto, PricingTierDto } from './pricing.dto';

/** Shipcrowd staff: a company's pricing tier and couriers' performance scores (both feed quotes; both audited). */
@ApiTags('rate-cards', 'admin')
@Controller('v1/admin')
@PlatformAdminOnly()
export class AdminPricingController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('companies/:companyId/pricing-tier')
  @ApiOperation({ summary: "A company's pricing tier (standard unless set)" })
  @ApiParam({ name: 'companyId', format: 'uuid' })
  @ApiOkResponse({ type: CompanyPricingTierDto })
  @ApiProblems(404)
  getTier(@Param('companyId', new UuidOr404('company')) companyId: string): Promise<{ companyId: string; tier: string }> {
    return this.queries.execute(new GetPricingTier(companyId));
  }

  @Put('companies/:companyId/pricing-tier')
  @ApiOperation({ summary: 'Set a company on the standard or vip tier (vip cards then price its quotes)' })
  @ApiParam({ name: 'companyId', format: 'uuid' })
  @ApiOkResponse({ type: CompanyPricingTierDto })
  @ApiProblems(404, 422)
  setTier(@CurrentPrincipal() principal: Principal, @Param('companyId', new UuidOr404('company')) companyId: string, @Body() body: PricingTierDto): Promise<{ companyId: string; tier: string }> {
    return this.commands.execute(new SetPricingTier(companyId, body.tier, principal.userId));
  }

  @Get('courier-performance')
  @ApiOperation({ summary: 'Performance score of every courier (0..1; 0.8 = neutral default until measured)' })
  @ApiOkResponse({ type: CourierPerformanceListDto })
  async listPerformance(): Promise<{ items: unknown[] }> {
    return { items: await this.queries.execute(new ListCourierPerformance()) };
  }

  @Put('courier-performance/:courier')
  @ApiOperation({ summary: "Set a courier's performance score (used by the recommendation when a company weighs performance)" })
  @ApiParam({ name: 'courier', example: 'delhivery' })
  @ApiOkResponse({ type: CourierPerformanceDto })
  @ApiProblems(404, 422)
  async setPerformance(@CurrentPrincipal() principal: Principal, @Param('courier') courier: string, @Body() body: CourierPerformanceInputDto): Promise<unknown> {
    await this.commands.execute(new SetCourierPerformance(courier, body.score, principal.userId));
    const all = await this.queries.execute<ListCourierPerformance, { courier: string }[]>(new ListCourierPerformance());
    return all.find((p) => p.courier === courier);
  }
}
