import type { WarehousesFacade, WarehouseView } from '@shipcrowd/warehouses/contracts';
import type { FieldProblem } from '../../contracts';
import type { RoutingDecision } from '../domain/order';
import type { OrderSpec } from '../domain/order-spec';
import { evaluateRoutingRules, RoutingFacts, RoutingRule, RuleVerdict } from '../domain/routing';

/** Warehouses looked up once per request or batch (by id, by code, the default), through WAREHOUSES_FACADE. */
export class WarehouseDirectory {
  private readonly byId = new Map<string, Promise<WarehouseView | null>>();
  private readonly byCode = new Map<string, Promise<WarehouseView | null>>();
  private defaultWarehouse?: Promise<WarehouseView | null>;

  constructor(
    private readonly facade: WarehousesFacade,
    private readonly companyId: string,
  ) {}

  get(id: string): Promise<WarehouseView | null> {
    if (!this.byId.has(id)) this.byId.set(id, this.facade.get(this.companyId, id));
    return this.byId.get(id)!;
  }

  code(code: string): Promise<WarehouseView | null> {
    const key = code.toUpperCase();
    if (!this.byCode.has(key)) this.byCode.set(key, this.facade.byCode(this.companyId, code));
    return this.byCode.get(key)!;
  }

  default(): Promise<WarehouseView | null> {
    this.defaultWarehouse ??= this.facade.defaultOf(this.companyId);
    return this.defaultWarehouse;
  }

  /** Loads every warehouse the rules name, so rule evaluation can stay synchronous. */
  async preload(rules: readonly RoutingRule[]): Promise<void> {
    for (const id of new Set(rules.map((r) => r.actions.warehouseId).filter((w): w is string => !!w))) await this.get(id);
  }

  /** Why a warehouse id cannot take orders (after preload), or null. */
  async problem(id: string): Promise<string | null> {
    const w = await this.get(id);
    if (!w) return `its warehouse ${id} no longer exists`;
    return w.active ? null : `its warehouse ${w.code} is inactive`;
  }
}

export type Routed = { ok: true; warehouse: WarehouseView; routing: RoutingDecision; trace: RuleVerdict[] } | { ok: false; error: FieldProblem; trace: RuleVerdict[] };

export function routingFacts(spec: OrderSpec, directoryState: { state: string; gstStateCode: string } | null): RoutingFacts {
  return {
    pincode: spec.shippingAddress.pincode,
    state: directoryState?.state ?? spec.shippingAddress.state,
    gstStateCode: directoryState?.gstStateCode ?? null,
    paymentMode: spec.paymentMode,
    codAmountPaise: spec.codAmountPaise,
    weightGrams: spec.totalWeightGrams,
    tags: spec.tags,
    channel: spec.channel,
  };
}

/**
 * Picks the pickup warehouse: the one the order names; else the first routing rule that matches; else the
 * company default. Explains the choice (and, for the rule test endpoint, every rule's verdict).
 */
export async function routeOrder(spec: OrderSpec, facts: RoutingFacts, rules: readonly RoutingRule[], directory: WarehouseDirectory): Promise<Routed> {
  if (spec.warehouseId || spec.warehouseCode) {
    const field = spec.warehouseId ? 'warehouseId' : 'warehouseCode';
    const w = spec.warehouseId ? await directory.get(spec.warehouseId) : await directory.code(spec.warehouseCode!);
    if (!w) return { ok: false, error: { field, code: 'warehouse_not_found', message: 'is not one of your warehouses' }, trace: [] };
    if (!w.active) return { ok: false, error: { field, code: 'warehouse_inactive', message: `warehouse ${w.code} is inactive` }, trace: [] };
    return { ok: true, warehouse: w, routing: { source: 'draft', ruleId: null, ruleName: null, courierPreference: [], reason: `the order names warehouse ${w.code}` }, trace: [] };
  }
  await directory.preload(rules);
  const problems = new Map<string, string | null>();
  for (const r of rules) if (r.actions.warehouseId) problems.set(r.actions.warehouseId, await directory.problem(r.actions.warehouseId));
  const { matched, trace } = evaluateRoutingRules(rules, facts, (id) => problems.get(id) ?? null);
  const fallback = await directory.default();
  if (matched) {
    const w = matched.actions.warehouseId ? await directory.get(matched.actions.warehouseId) : fallback;
    if (w && w.active) {
      const verdict = trace[trace.length - 1];
      return {
        ok: true,
        warehouse: w,
        routing: { source: 'rule', ruleId: matched.id, ruleName: matched.name, courierPreference: [...matched.actions.courierPreference], reason: `rule #${matched.position} "${matched.name}" matched: ${verdict.reasons.join('; ')}` },
        trace,
      };
    }
  }
  if (!fallback || !fallback.active) {
    return { ok: false, error: { field: 'warehouseId', code: 'warehouse_required', message: 'no warehouse: name one, add a routing rule, or set a default warehouse' }, trace };
  }
  return { ok: true, warehouse: fallback, routing: { source: 'default', ruleId: null, ruleName: null, courierPreference: [], reason: rules.length ? `no routing rule matched: company default warehouse ${fallback.code}` : `company default warehouse ${fallback.code}` }, trace };
}
