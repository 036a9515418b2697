import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, companyOf, CurrentPrincipal, decodeCursor, Page, pageLimit, Principal, RequirePermissions, toPage } from '@shipcrowd/platform';
import { SERVICEABILITY_FACADE, ServiceabilityAnswer, ServiceabilityFacade } from '../../../contracts';
import { AddBlocklistEntries, RemoveBlocklistEntries } from '../../application/commands/manage-blocklist/manage-blocklist.commands';
import { ListBlocklist } from '../../application/queries/list-blocklist/list-blocklist.query';
import { ListTransitTimes } from '../../application/queries/list-transit-times/list-transit-times.query';
import type { TransitMatrixRow } from '../../application/queries/list-transit-times/list-transit-times.handler';
import type { BlockRecord } from '../../infrastructure/persistence/serviceability-records';
import {
  AddBlocklistDto,
  BlockDto,
  BlocklistAddedDto,
  BlocklistQueryDto,
  BlocklistRemovedDto,
  BlockPageDto,
  RemoveBlocklistDto,
  ServiceabilityAnswerDto,
  ServiceabilityQueryDto,
  TransitMatrixDto,
} from './serviceability.dto';
import { actorOf, blockView } from './views';

@ApiTags('serviceability')
@Controller('v1/serviceability')
export class ServiceabilityController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(SERVICEABILITY_FACADE) private readonly facade: ServiceabilityFacade,
  ) {}

  @Get()
  @RequirePermissions('rates.read')
  @ApiOperation({
    summary: 'Which couriers and services can carry a parcel between two pincodes',
    description:
      'Serviceable options (zone, transit days, ODA, lane limits) and unserviceable ones with a stable code and reason: origin_not_covered, pickup_unavailable, reverse_unavailable, destination_not_covered, prepaid_unavailable, cod_unavailable, over_max_weight, over_max_cod, blocked_by_company. A malformed pincode is a 422 (geo.invalid_pincode), an unknown one a 404 (geo.pincode_not_found).',
  })
  @ApiOkResponse({ type: ServiceabilityAnswerDto })
  @ApiProblems(404, 422)
  check(@CurrentPrincipal() principal: Principal, @Query() q: ServiceabilityQueryDto): Promise<ServiceabilityAnswer> {
    return this.facade.check({
      companyId: companyOf(principal),
      originPincode: q.origin,
      destinationPincode: q.destination,
      paymentMode: q.paymentMode,
      weightGrams: q.weightGrams,
      codAmountPaise: q.codAmountPaise,
      reverse: q.reverse,
      b2b: q.b2b,
    });
  }

  @Get('transit-times')
  @RequirePermissions('rates.read')
  @ApiOperation({ summary: 'Transit-time matrix: days per courier service and zone (A-E)' })
  @ApiOkResponse({ type: TransitMatrixDto })
  async transitTimes(): Promise<{ items: TransitMatrixRow[] }> {
    return { items: await this.queries.execute(new ListTransitTimes()) };
  }

  @Get('blocklist')
  @RequirePermissions('rates.read')
  @ApiOperation({ summary: 'Your company’s blocked pincodes (by pincode)' })
  @ApiOkResponse({ type: BlockPageDto })
  @ApiProblems(422)
  async listBlocklist(@CurrentPrincipal() principal: Principal, @Query() query: BlocklistQueryDto): Promise<Page<BlockDto>> {
    const limit = pageLimit(query);
    const after = decodeCursor<{ pincode: string; courier: string }>(query.cursor);
    const rows = await this.queries.execute<ListBlocklist, BlockRecord[]>(new ListBlocklist(companyOf(principal), limit + 1, after, query.pincode));
    return toPage(rows.map(blockView), limit, (b) => ({ pincode: b.pincode, courier: b.courier ?? '' }));
  }

  @Post('blocklist')
  @RequirePermissions('rates.manage')
  @ApiOperation({ summary: 'Block pincodes for your company (up to 1,000 per call; per courier or all)', description: 'Quotes and serviceability answers refuse blocked buyer pincodes with blocked_by_company. Audited.' })
  @ApiCreatedResponse({ type: BlocklistAddedDto })
  @ApiProblems(422)
  async addToBlocklist(@CurrentPrincipal() principal: Principal, @Body() body: AddBlocklistDto): Promise<BlocklistAddedDto> {
    const result = await this.commands.execute<AddBlocklistEntries, { added: BlockRecord[]; alreadyBlocked: number }>(new AddBlocklistEntries(actorOf(principal), body.entries));
    return { added: result.added.map(blockView), alreadyBlocked: result.alreadyBlocked };
  }

  @Delete('blocklist')
  @HttpCode(200)
  @RequirePermissions('rates.manage')
  @ApiOperation({ summary: 'Unblock pincodes (body: pincodes, optional courier)', description: 'Audited.' })
  @ApiOkResponse({ type: BlocklistRemovedDto })
  @ApiProblems(422)
  removeFromBlocklist(@CurrentPrincipal() principal: Principal, @Body() body: RemoveBlocklistDto): Promise<{ removed: number }> {
    return this.commands.execute(new RemoveBlocklistEntries(actorOf(principal), body.pincodes, body.courier));
  }
}
