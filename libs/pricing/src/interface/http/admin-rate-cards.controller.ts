import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Page, pageLimit, PlatformAdminOnly, Principal, toPage } from '@shipcrowd/platform';
import { CreateRateCard } from '../../application/commands/create-rate-card/create-rate-card.command';
import {
  ActivateRateCardVersion,
  ApproveRateCardVersion,
  DeleteRateCard,
  RejectRateCardVersion,
  RetireRateCard,
  SubmitRateCardVersion,
} from '../../application/commands/rate-card-lifecycle/rate-card-lifecycle.commands';
import { AddRateCardVersion, EditRateCardVersion, VersionChanges } from '../../application/commands/rate-card-versions/rate-card-versions.commands';
import { GetRateCard, ListRateCards } from '../../application/queries/rate-cards/rate-cards.queries';
import type { RateCardVersionView, RateCardView } from '../../application/rate-card-view';
import { cardCursor, dateOrNull, UuidOr404, VersionOr404 } from './http-helpers';
import type { RateCardTermsInput } from '../../domain/terms';
import { CreateRateCardDto, RateCardTermsDto, ListRateCardsQueryDto, RateCardDto, RateCardListDto, RateCardVersionChangesDto, RateCardVersionListDto, RejectRateCardDto, RetireRateCardDto } from './pricing.dto';

/**
 * Shipcrowd staff: rate cards and their versions. Maker-checker: one platform admin creates and submits a version,
 * a different one approves (it activates at effective_from, at once when that has passed) or rejects it with a reason.
 * Every change is audited and invalidates cached quotes.
 */
@ApiTags('rate-cards', 'admin')
@Controller('v1/admin/rate-cards')
@PlatformAdminOnly()
export class AdminRateCardsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List rate cards (not retired unless asked) with their version history, by scope, courier and service; cursor-paginated' })
  @ApiOkResponse({ type: RateCardListDto })
  @ApiProblems(422)
  async listRateCards(@Query() query: ListRateCardsQueryDto): Promise<Page<RateCardView>> {
    const limit = pageLimit(query);
    const after = cardCursor(query.cursor);
    const rows = await this.queries.execute<ListRateCards, RateCardView[]>(
      new ListRateCards({ scope: query.scope, companyId: query.companyId, courier: query.courier, service: query.service, includeRetired: query.includeRetired === 'true' }, limit, after),
    );
    return toPage(rows, limit, (c) => ({ scope: c.scope, courier: c.courier, service: c.service, id: c.id }));
  }

  @Post()
  @ApiOperation({ summary: 'Create a rate card; version 1 is a draft (company cards: at most 10 active per company)' })
  @ApiCreatedResponse({ type: RateCardDto })
  @ApiProblems(409, 422)
  createRateCard(@CurrentPrincipal() principal: Principal, @Body() body: CreateRateCardDto): Promise<RateCardView> {
    return this.commands.execute(
      new CreateRateCard(
        { scope: body.scope, companyId: body.companyId ?? null, courier: body.courier, service: body.service, name: body.name, effectiveFrom: dateOrNull(body.effectiveFrom), effectiveTo: dateOrNull(body.effectiveTo), notes: body.notes, terms: termsOf(body.terms) },
        principal.userId,
      ),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a rate card with its full version history' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RateCardDto })
  @ApiProblems(404)
  getRateCard(@Param('id', new UuidOr404('rate_card')) id: string): Promise<RateCardView> {
    return this.queries.execute(new GetRateCard(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a card that never priced anything (drafts/rejected only); 409 says why otherwise' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 409)
  async deleteRateCard(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('rate_card')) id: string): Promise<void> {
    await this.commands.execute(new DeleteRateCard(id, principal.userId));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a card (its active version stops pricing); refused for the active base card of a service' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RateCardDto })
  @ApiProblems(404, 409)
  retireRateCard(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('rate_card')) id: string, @Body() body: RetireRateCardDto): Promise<RateCardView> {
    return this.commands.execute(new RetireRateCard(id, body.reason ?? null, principal.userId));
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Version history of a card, newest first' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RateCardVersionListDto })
  @ApiProblems(404)
  async listVersions(@Param('id', new UuidOr404('rate_card')) id: string): Promise<{ items: RateCardVersionView[] }> {
    return { items: (await this.queries.execute<GetRateCard, RateCardView>(new GetRateCard(id))).versions };
  }

  @Post(':id/versions')
  @ApiOperation({ summary: "Start a new draft version from the newest version's terms (with the given changes)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: RateCardDto })
  @ApiProblems(404, 409, 422)
  addVersion(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('rate_card')) id: string, @Body() body: RateCardVersionChangesDto): Promise<RateCardView> {
    return this.commands.execute(new AddRateCardVersion(id, changesOf(body), principal.userId));
  }

  @Patch(':id/versions/:version')
  @ApiOperation({ summary: 'Edit a draft or rejected version (approved versions never change: 409)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'version', type: Number })
  @ApiOkResponse({ type: RateCardDto })
  @ApiProblems(404, 409, 422)
  editVersion(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('rate_card')) id: string, @Param('version', VersionOr404) version: number, @Body() body: RateCardVersionChangesDto): Promise<RateCardView> {
    return this.commands.execute(new EditRateCardVersion(id, version, changesOf(body), principal.userId));
  }

  @Post(':id/versions/:version/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft for approval (maker)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'version', type: Number })
  @ApiOkResponse({ type: RateCardDto })
  @ApiProblems(404, 409)
  submit(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('rate_card')) id: string, @Param('version', VersionOr404) version: number): Promise<RateCardView> {
    return this.commands.execute(new SubmitRateCardVersion(id, version, principal.userId));
  }

  @Post(':id/versions/:version/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve (checker: a different platform admin, else 403); activates now if already effective' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'version', type: Number })
  @ApiOkResponse({ type: RateCardDto })
  @ApiProblems(404, 409)
  approve(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('rate_card')) id: string, @Param('version', VersionOr404) version: number): Promise<RateCardView> {
    return this.commands.execute(new ApproveRateCardVersion(id, version, principal.userId));
  }

  @Post(':id/versions/:version/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a reason (checker: a different platform admin)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'version', type: Number })
  @ApiOkResponse({ type: RateCardDto })
  @ApiProblems(404, 409, 422)
  reject(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('rate_card')) id: string, @Param('version', VersionOr404) version: number, @Body() body: RejectRateCardDto): Promise<RateCardView> {
    return this.commands.execute(new RejectRateCardVersion(id, version, body.reason, principal.userId));
  }

  @Post(':id/versions/:version/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activate an approved version whose effective_from has come (the schedule does this every minute)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'version', type: Number })
  @ApiOkResponse({ type: RateCardDto })
  @ApiProblems(404, 409)
  activate(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('rate_card')) id: string, @Param('version', VersionOr404) version: number): Promise<RateCardView> {
    return this.commands.execute(new ActivateRateCardVersion(id, version, principal.userId));
  }
}

function changesOf(body: RateCardVersionChangesDto): VersionChanges {
  return { terms: body.terms ? termsOf(body.terms) : undefined, effectiveFrom: dateOrNull(body.effectiveFrom), effectiveTo: dateOrNull(body.effectiveTo), notes: body.notes };
}

/** Open-ended ranges arrive as a missing or null `to`. */
function termsOf(dto: RateCardTermsDto): RateCardTermsInput {
  return {
    ...dto,
    fuelSurcharges: dto.fuelSurcharges?.map((f) => ({ from: f.from, to: f.to ?? null, percentBp: f.percentBp })),
    seasonal: dto.seasonal?.map((s) => ({ name: s.name, from: s.from, to: s.to ?? null, kind: s.kind, value: s.value })),
  };
}
