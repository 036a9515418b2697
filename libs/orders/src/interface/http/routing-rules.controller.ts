import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, RequirePermissions } from '@shipcrowd/platform';
import { CreateRoutingRule, DeleteRoutingRule, ReorderRoutingRules, UpdateRoutingRule } from '../../application/commands/routing-rules/routing-rules.commands';
import { ListRoutingRules, TestRouting } from '../../application/queries/routing-rules/routing-rules.queries';
import type { RoutingExplanation, RoutingRuleView } from '../../application/queries/routing-rules/routing-rules.handlers';
import type { RoutingRuleSpec } from '../../domain/routing';
import { IdOr404, ordersActor } from './http-helpers';
import { CreateRoutingRuleDto, ReorderRoutingRulesDto, RoutingExplanationDto, RoutingRuleDto, RoutingRuleViewDto, TestRoutingDto, UpdateRoutingRuleDto } from './routing-rules.dto';

const ruleId = new IdOr404('routing_rule.not_found');

function specOf(body: RoutingRuleDto): RoutingRuleSpec {
  return { name: body.name, enabled: body.enabled ?? true, conditions: { ...body.conditions }, actions: { warehouseId: body.actions.warehouseId ?? null, courierPreference: body.actions.courierPreference ?? [] } };
}

function ruleView(r: RoutingRuleView) {
  return { id: r.id, name: r.name, position: r.position, enabled: r.enabled, conditions: r.conditions, actions: r.actions, version: r.version, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

@ApiTags('routing-rules')
@Controller('v1/routing-rules')
export class RoutingRulesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('orders.read')
  @ApiOperation({ summary: 'Your routing rules in evaluation order (first match wins)' })
  @ApiOkResponse({ type: [RoutingRuleViewDto] })
  async list(@CurrentPrincipal() principal: Principal) {
    return (await this.rules(ordersActor(principal).companyId)).map(ruleView);
  }

  @Post()
  @HttpCode(201)
  @RequirePermissions('orders.routing.manage')
  @ApiOperation({ summary: 'Add a routing rule (last unless position is given; audited)' })
  @ApiCreatedResponse({ type: RoutingRuleViewDto })
  @ApiProblems(409, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateRoutingRuleDto) {
    const actor = ordersActor(principal);
    const { id } = await this.commands.execute<CreateRoutingRule, { id: string }>(new CreateRoutingRule(actor, specOf(body), body.position));
    return this.one(actor.companyId, id);
  }

  @Post('reorder')
  @HttpCode(200)
  @RequirePermissions('orders.routing.manage')
  @ApiOperation({ summary: 'Set the evaluation order: every rule id, first to last (audited)' })
  @ApiOkResponse({ type: [RoutingRuleViewDto] })
  @ApiProblems(422)
  async reorder(@CurrentPrincipal() principal: Principal, @Body() body: ReorderRoutingRulesDto) {
    const actor = ordersActor(principal);
    await this.commands.execute(new ReorderRoutingRules(actor, body.ruleIds));
    return (await this.rules(actor.companyId)).map(ruleView);
  }

  @Post('test')
  @HttpCode(200)
  @RequirePermissions('orders.read')
  @ApiOperation({ summary: 'Which rule would route this order, and why every earlier rule did not', description: 'Send a draft (as for POST /v1/orders) or the id of an existing order. Nothing is written.' })
  @ApiOkResponse({ type: RoutingExplanationDto })
  @ApiProblems(404, 422)
  test(@CurrentPrincipal() principal: Principal, @Body() body: TestRoutingDto): Promise<RoutingExplanation> {
    return this.queries.execute(new TestRouting(ordersActor(principal).companyId, { draft: body.draft, orderId: body.orderId }));
  }

  @Put(':id')
  @RequirePermissions('orders.routing.manage')
  @ApiOperation({ summary: 'Replace a rule\'s name, conditions and actions (audited)' })
  @ApiOkResponse({ type: RoutingRuleViewDto })
  @ApiProblems(404, 409, 422)
  async update(@CurrentPrincipal() principal: Principal, @Param('id', ruleId) id: string, @Body() body: UpdateRoutingRuleDto) {
    const actor = ordersActor(principal);
    await this.commands.execute(new UpdateRoutingRule(actor, id, specOf(body), body.version));
    return this.one(actor.companyId, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('orders.routing.manage')
  @ApiOperation({ summary: 'Delete a rule (audited); later rules move up' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', ruleId) id: string): Promise<void> {
    await this.commands.execute(new DeleteRoutingRule(ordersActor(principal), id));
  }

  private rules(companyId: string): Promise<RoutingRuleView[]> {
    return this.queries.execute(new ListRoutingRules(companyId));
  }

  private async one(companyId: string, id: string) {
    return ruleView((await this.rules(companyId)).find((r) => r.id === id)!);
  }
}
