import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { CLOCK, Clock, DomainError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { WAREHOUSES_FACADE, WarehousesFacade, WarehouseView } from '@shipcrowd/warehouses/contracts';
import type { RoutingDecision } from '../../../domain/order';
import { specToDraft, validateOrderDraft } from '../../../domain/order-spec';
import type { RoutingFacts, RoutingRule, RuleVerdict } from '../../../domain/routing';
import { OrdersStore } from '../../../infrastructure/persistence/orders.store';
import { loadOrder } from '../../order-support';
import { routeOrder, routingFacts, WarehouseDirectory } from '../../order-routing';
import { ListRoutingRules, TestRouting } from './routing-rules.queries';

export type RoutingRuleView = RoutingRule & { version: number; createdAt: Date; updatedAt: Date };

@QueryHandler(ListRoutingRules)
export class ListRoutingRulesHandler implements IQueryHandler<ListRoutingRules, RoutingRuleView[]> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
  ) {}

  execute({ companyId }: ListRoutingRules): Promise<RoutingRuleView[]> {
    return this.uow.run({ companyId }, (tx) => this.store.rules(tx));
  }
}

export interface RoutingExplanation {
  facts: RoutingFacts;
  matchedRuleId: string | null;
  decision: RoutingDecision | null;
  warehouse: WarehouseView | null;
  /** Every rule evaluated, in order, up to the one that matched. */
  rules: RuleVerdict[];
  problem: { field: string; code: string; message: string } | null;
}

@QueryHandler(TestRouting)
export class TestRoutingHandler implements IQueryHandler<TestRouting, RoutingExplanation> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
    @Inject(WAREHOUSES_FACADE) private readonly warehouses: WarehousesFacade,
    @Inject(GEO_FACADE) private readonly geo: GeoFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ companyId, input }: TestRouting): Promise<RoutingExplanation> {
    return this.uow.run({ companyId }, async (tx) => {
      const now = this.clock.now();
      let draft: unknown = input.draft;
      if (input.orderId) draft = { ...specToDraft((await loadOrder(this.store, tx, input.orderId)).state.spec), warehouseId: null };
      if (!draft) throw new DomainError('routing_test.input_required', 'Send an order draft or an orderId.', 'validation', { errors: [{ field: 'draft', code: 'required', message: 'draft or orderId is required' }] });
      const result = validateOrderDraft(draft, now);
      if (!result.ok) throw new DomainError('order.invalid', `${result.errors.length} field(s) are invalid`, 'validation', { errors: result.errors.map((e) => ({ ...e, field: `draft.${e.field}` })) });
      const pin = await this.geo.pincode(result.spec.shippingAddress.pincode);
      const facts = routingFacts(result.spec, pin ? { state: pin.state, gstStateCode: pin.gstStateCode } : null);
      const routed = await routeOrder(result.spec, facts, await this.store.rules(tx), new WarehouseDirectory(this.warehouses, companyId));
      return {
        facts,
        matchedRuleId: routed.ok ? routed.routing.ruleId : null,
        decision: routed.ok ? routed.routing : null,
        warehouse: routed.ok ? routed.warehouse : null,
        rules: routed.trace,
        problem: routed.ok ? null : routed.error,
      };
    });
  }
}
