import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { CLOCK, Clock, DomainError, newId, NotFoundError } from '@shipcrowd/kernel';
import { Tx, UnitOfWork } from '@shipcrowd/platform';
import { WAREHOUSES_FACADE, WarehousesFacade } from '@shipcrowd/warehouses/contracts';
import { checkRoutingRule, RoutingRule, RoutingRuleSpec } from '../../../domain/routing';
import { OrdersStore } from '../../../infrastructure/persistence/orders.store';
import type { OrdersActor } from '../../actor';
import { CreateRoutingRule, DeleteRoutingRule, ReorderRoutingRules, UpdateRoutingRule } from './routing-rules.commands';

const MAX_RULES = 100;

/** Shared steps of the rule commands: validation (incl. the warehouse belonging to the company), audit, positions. */
abstract class RoutingRuleCommand {
  constructor(
    protected readonly uow: UnitOfWork,
    protected readonly store: OrdersStore,
    @Inject(AUDIT_TRAIL) protected readonly audit: AuditTrail,
    @Inject(WAREHOUSES_FACADE) protected readonly warehouses: WarehousesFacade,
    @Inject(CLOCK) protected readonly clock: Clock,
  ) {}

  protected async valid(actor: OrdersActor, spec: RoutingRuleSpec): Promise<RoutingRuleSpec> {
    const rule = checkRoutingRule(spec);
    if (rule.actions.warehouseId && !(await this.warehouses.get(actor.companyId, rule.actions.warehouseId))) {
      throw new DomainError('routing_rule.invalid', 'actions.warehouseId is not one of your warehouses', 'validation', {
        errors: [{ field: 'actions.warehouseId', code: 'warehouse_not_found', message: 'is not one of your warehouses' }],
      });
    }
    return rule;
  }

  protected record(actor: OrdersActor, action: string, targetId: string, before?: unknown, after?: unknown): Promise<void> {
    return this.audit.record({ action, companyId: actor.companyId, actorUserId: actor.userId, targetType: 'routing_rule', targetId, before, after });
  }

  protected async existing(tx: Tx, id: string) {
    const rule = (await this.store.rules(tx)).find((r) => r.id === id);
    if (!rule) throw new NotFoundError('Routing rule', id);
    return rule;
  }
}

@CommandHandler(CreateRoutingRule)
export class CreateRoutingRuleHandler extends RoutingRuleCommand implements ICommandHandler<CreateRoutingRule, { id: string }> {
  async execute({ actor, rule, position }: CreateRoutingRule): Promise<{ id: string }> {
    const spec = await this.valid(actor, rule);
    return this.uow.run({ companyId: actor.companyId }, async (tx) => {
      await this.store.lockRules(tx, actor.companyId);
      const rules = await this.store.rules(tx);
      if (rules.length >= MAX_RULES) throw new DomainError('routing_rule.limit_reached', `A company can have at most ${MAX_RULES} routing rules.`, 'conflict');
      const created: RoutingRule = { ...spec, id: newId(), position: rules.length + 1 };
      const now = this.clock.now();
      await this.store.insertRule(tx, actor.companyId, created, now);
      if (position !== undefined) {
        const ids = rules.map((r) => r.id);
        ids.splice(Math.max(0, Math.min(position - 1, ids.length)), 0, created.id);
        await this.store.setPositions(tx, ids, now);
      }
      await this.record(actor, 'orders.routing_rule_created', created.id, undefined, created);
      return { id: created.id };
    });
  }
}

@CommandHandler(UpdateRoutingRule)
export class UpdateRoutingRuleHandler extends RoutingRuleCommand implements ICommandHandler<UpdateRoutingRule, void> {
  async execute({ actor, ruleId, rule, expectedVersion }: UpdateRoutingRule): Promise<void> {
    const spec = await this.valid(actor, rule);
    await this.uow.run({ companyId: actor.companyId }, async (tx) => {
      const before = await this.existing(tx, ruleId);
      await this.store.updateRule(tx, { ...spec, id: ruleId, position: before.position }, expectedVersion, this.clock.now());
      await this.record(actor, 'orders.routing_rule_updated', ruleId, before, spec);
    });
  }
}

@CommandHandler(DeleteRoutingRule)
export class DeleteRoutingRuleHandler extends RoutingRuleCommand implements ICommandHandler<DeleteRoutingRule, void> {
  async execute({ actor, ruleId }: DeleteRoutingRule): Promise<void> {
    await this.uow.run({ companyId: actor.companyId }, async (tx) => {
      await this.store.lockRules(tx, actor.companyId);
      const before = await this.existing(tx, ruleId);
      await this.store.deleteRule(tx, ruleId);
      await this.store.setPositions(tx, (await this.store.rules(tx)).map((r) => r.id), this.clock.now());
      await this.record(actor, 'orders.routing_rule_deleted', ruleId, before);
    });
  }
}

@CommandHandler(ReorderRoutingRules)
export class ReorderRoutingRulesHandler extends RoutingRuleCommand implements ICommandHandler<ReorderRoutingRules, void> {
  async execute({ actor, ruleIds }: ReorderRoutingRules): Promise<void> {
    await this.uow.run({ companyId: actor.companyId }, async (tx) => {
      await this.store.lockRules(tx, actor.companyId);
      const rules = await this.store.rules(tx);
      const current = new Set(rules.map((r) => r.id));
      if (ruleIds.length !== current.size || new Set(ruleIds).size !== ruleIds.length || !ruleIds.every((id) => current.has(id))) {
        throw new DomainError('routing_rule.reorder_mismatch', 'ruleIds must list every routing rule of the company exactly once.', 'validation', {
          errors: [{ field: 'ruleIds', code: 'mismatch', message: 'must list every rule exactly once' }],
        });
      }
      await this.store.setPositions(tx, ruleIds, this.clock.now());
      await this.record(actor, 'orders.routing_rules_reordered', actor.companyId, rules.map((r) => r.id), ruleIds);
    });
  }
}
