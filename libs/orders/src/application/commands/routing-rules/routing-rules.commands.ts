import type { RoutingRuleSpec } from '../../../domain/routing';
import type { OrdersActor } from '../../actor';

/** Appends a rule (last position) unless `position` says where (1 = first; later rules move down). */
export class CreateRoutingRule {
  constructor(
    readonly actor: OrdersActor,
    readonly rule: RoutingRuleSpec,
    readonly position?: number,
  ) {}
}

export class UpdateRoutingRule {
  constructor(
    readonly actor: OrdersActor,
    readonly ruleId: string,
    readonly rule: RoutingRuleSpec,
    readonly expectedVersion: number,
  ) {}
}

export class DeleteRoutingRule {
  constructor(
    readonly actor: OrdersActor,
    readonly ruleId: string,
  ) {}
}

/** The complete new order of the company's rules, first to last. */
export class ReorderRoutingRules {
  constructor(
    readonly actor: OrdersActor,
    readonly ruleIds: string[],
  ) {}
}
