import { Injectable } from '@nestjs/common';
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { newId } from '@shipcrowd/kernel';
import { queryRows, Tx, updateVersioned } from '@shipcrowd/platform';
import { DEFAULT_ORDER_SETTINGS, OrderSettings } from '../../domain/order-settings';
import { Order, OrderState, StatusChange } from '../../domain/order';
import type { RoutingRule } from '../../domain/routing';
import { orderNumberCounters, orders, orderSettings, orderStatusHistory, routingRules } from './orders.schema';

type OrderRow = typeof orders.$inferSelect;
type OrderInsert = typeof orders.$inferInsert;

/** Rows per INSERT ... SELECT FROM json_populate_recordset (one bind parameter each, a few MB of JSON). */
const INSERT_CHUNK = 2000;
const SMALL_CHUNK = 4000;

export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** JSON text of a list, for `in (select jsonb_array_elements_text(...))`: one bind parameter on node-postgres and PGlite alike. */
export const jsonList = (values: readonly string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

/**
 * Multi-row INSERT with ONE bind parameter per chunk: the rows travel as a JSON array that PostgreSQL expands
 * with json_populate_recordset. Building and binding tens of thousands of parameters (58 columns x rows) costs
 * seconds per 10,000 orders; JSON.stringify and the server's JSON parser take a fraction of that. Null and
 * undefined values are left out of the JSON (json_populate_recordset reads a missing key as null): less to
 * build, send and parse. Every row must have the keys of the first (the column list comes from it).
 */
async function insertJsonRows(tx: Tx, table: PgTable, qualifiedName: string, rows: object[]): Promise<void> {
  if (!rows.length) return;
  const present = Object.entries(getTableColumns(table)).filter(([key, c]) => !c.generated && key in rows[0]);
  const keys = present.map(([key]) => key);
  const names = present.map(([, c]) => c.name);
  const columnList = sql.raw(names.map((n) => `"${n}"`).join(', '));
  for (const chunk of chunks(rows, INSERT_CHUNK)) {
    const records = chunk.map((row) => {
      const record: Record<string, unknown> = {};
      for (let j = 0; j < keys.length; j++) {
        const value = (row as Record<string, unknown>)[keys[j]];
        if (value !== null && value !== undefined) record[names[j]] = value;
      }
      return record;
    });
    await tx.execute(sql`insert into ${sql.raw(qualifiedName)} (${columnList}) select ${columnList} from json_populate_recordset(null::${sql.raw(qualifiedName)}, ${JSON.stringify(records)}::json)`);
  }
}

export function toOrderRow(s: OrderState, fingerprint: string): OrderInsert {
  const p = s.spec;
  return {
    id: s.id,
    companyId: s.companyId,
    orderNumber: s.orderNumber,
    channel: p.channel,
    channelOrderId: p.channelOrderId,
    orderDate: p.orderDate,
    type: p.type,
    paymentMode: p.paymentMode,
    status: s.status,
    buyerName: p.buyer.name,
    buyerPhone: p.buyer.phone,
    buyerEmail: p.buyer.email,
    buyerCompanyName: p.buyer.companyName,
    buyerGstin: p.buyer.gstin,
    shippingAddress: p.shippingAddress,
    billingAddress: p.billingAddress,
    destinationPincode: p.shippingAddress.pincode,
    destinationState: p.shippingAddress.state,
    items: p.items,
    packages: p.packages,
    totalWeightGrams: p.totalWeightGrams,
    itemsPaise: p.totals.itemsPaise,
    discountPaise: p.totals.discountPaise,
    orderDiscountPaise: p.orderDiscountPaise,
    shippingPaise: p.totals.shippingPaise,
    taxPaise: p.totals.taxPaise,
    totalPaise: p.totals.totalPaise,
    codAmountPaise: p.codAmountPaise,
    warehouseId: s.warehouseId,
    requestedWarehouseId: p.warehouseId,
    routingRuleId: s.routing.ruleId,
    routing: s.routing,
    courierPreference: s.routing.courierPreference,
    tags: p.tags,
    notes: p.notes,
    fragile: p.handling.fragile,
    liquid: p.handling.liquid,
    dangerousGoods: p.handling.dangerousGoods,
    insured: p.insurance.insured,
    declaredValuePaise: p.insurance.declaredValuePaise,
    b2b: p.b2b,
    freightMode: p.freightMode,
    heavyFreight: p.heavyFreight,
    boxCount: p.boxCount,
    appointmentDelivery: p.appointmentDelivery,
    addressQuality: s.addressQuality,
    addressScore: s.addressQuality?.score ?? null,
    awb: s.awb,
    duplicateOf: s.duplicateOf,
    duplicateFingerprint: fingerprint,
    importId: s.importId,
    cancelReason: s.cancelReason,
    cancelledAt: s.cancelledAt,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function toOrderState(r: OrderRow): OrderState {
  return {
    id: r.id,
    companyId: r.companyId,
    orderNumber: r.orderNumber,
    status: r.status,
    warehouseId: r.warehouseId,
    routing: r.routing,
    addressQuality: r.addressQuality,
    duplicateOf: r.duplicateOf,
    importId: r.importId,
    awb: r.awb,
    cancelReason: r.cancelReason,
    cancelledAt: r.cancelledAt,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    spec: {
      orderNumber: r.orderNumber,
      channel: r.channel,
      channelOrderId: r.channelOrderId,
      orderDate: r.orderDate,
      type: r.type,
      paymentMode: r.paymentMode,
      codAmountPaise: r.codAmountPaise,
      buyer: { name: r.buyerName, phone: r.buyerPhone, email: r.buyerEmail, companyName: r.buyerCompanyName, gstin: r.buyerGstin },
      shippingAddress: r.shippingAddress,
      billingAddress: r.billingAddress,
      items: r.items as OrderState['spec']['items'],
      packages: r.packages,
      totals: { itemsPaise: r.itemsPaise, discountPaise: r.discountPaise, shippingPaise: r.shippingPaise, taxPaise: r.taxPaise, totalPaise: r.totalPaise },
      orderDiscountPaise: r.orderDiscountPaise,
      totalWeightGrams: r.totalWeightGrams,
      warehouseId: r.requestedWarehouseId,
      warehouseCode: null,
      tags: r.tags,
      notes: r.notes,
      handling: { fragile: r.fragile, liquid: r.liquid, dangerousGoods: r.dangerousGoods },
      insurance: { insured: r.insured, declaredValuePaise: r.declaredValuePaise },
      b2b: r.b2b,
      freightMode: r.freightMode,
      heavyFreight: r.heavyFreight,
      boxCount: r.boxCount,
      appointmentDelivery: r.appointmentDelivery,
    },
  };
}

export interface LiveOrderKey {
  id: string;
  order_number: string;
  channel: string;
  channel_order_id: string | null;
  duplicate_fingerprint: string;
  created_at: Date;
}

/** SQL of the orders context. Runs inside the caller's unit of work (the Tx it is handed). */
@Injectable()
export class OrdersStore {
  /** Serialises order placement per company, so duplicate checks and numbering see every committed order. */
  async lockCompany(tx: Tx, companyId: string): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(727274301, hashtext(${companyId}))`);
  }

  /** Serialises changes to a company's rule list (positions stay 1..n without gaps or ties). */
  async lockRules(tx: Tx, companyId: string): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(727274302, hashtext(${companyId}))`);
  }

  async settings(tx: Tx, companyId: string): Promise<OrderSettings> {
    const [row] = await tx.select().from(orderSettings).where(eq(orderSettings.companyId, companyId));
    return row ? { modificationWindowMinutes: row.modificationWindowMinutes, duplicateMode: row.duplicateMode, duplicateWindowMinutes: row.duplicateWindowMinutes } : { ...DEFAULT_ORDER_SETTINGS };
  }

  async putSettings(tx: Tx, companyId: string, s: OrderSettings, userId: string | null, now: Date): Promise<void> {
    const values = { ...s, updatedAt: now, updatedBy: userId };
    await tx.insert(orderSettings).values({ companyId, ...values }).onConflictDoUpdate({ target: orderSettings.companyId, set: values });
  }

  /** Reserves `count` consecutive numbers for `day`; returns the first. */
  async reserveNumbers(tx: Tx, companyId: string, day: string, count: number): Promise<number> {
    const [{ last }] = await queryRows<{ last: number }>(
      tx,
      sql`insert into orders.order_number_counters (company_id, day, last) values (${companyId}, ${day}, ${count})
          on conflict (company_id, day) do update set last = ${orderNumberCounters.last} + ${count} returning last`,
    );
    return last - count + 1;
  }

  async takenNumbers(tx: Tx, numbers: string[]): Promise<Set<string>> {
    if (!numbers.length) return new Set();
    const rows = await queryRows<{ order_number: string }>(tx, sql`select order_number from orders.orders where order_number in ${jsonList(numbers)}`);
    return new Set(rows.map((r) => r.order_number));
  }

  /**
   * Live (not cancelled) orders with one of these channel order ids (same channel), or one of these fingerprints
   * since `since`; oldest first. Each branch is driven by the batch's keys through an index (company, channel,
   * channel order id) / (company, fingerprint, created_at), so the cost follows the batch, not the company's order count.
   */
  async duplicateCandidates(tx: Tx, channelOrders: { channel: string; channelOrderId: string }[], fingerprints: string[], since: Date): Promise<LiveOrderKey[]> {
    if (!channelOrders.length && !fingerprints.length) return [];
    return queryRows<LiveOrderKey>(
      tx,
      sql`select o.id, o.order_number, o.channel, o.channel_order_id, o.duplicate_fingerprint, o.created_at
            from jsonb_to_recordset(${JSON.stringify(channelOrders)}::jsonb) as k(channel text, "channelOrderId" text)
            join orders.orders o on o.channel = k.channel and o.channel_order_id = k."channelOrderId"
           where o.status <> 'cancelled'
          union
          select o.id, o.order_number, o.channel, o.channel_order_id, o.duplicate_fingerprint, o.created_at
            from jsonb_array_elements_text(${JSON.stringify(fingerprints)}::jsonb) as f(fingerprint)
            join orders.orders o on o.duplicate_fingerprint = f.fingerprint and o.created_at >= ${since.toISOString()}::timestamptz
           where o.status <> 'cancelled'
          order by created_at`,
    );
  }

  /** Multi-row inserts of new orders and their first status rows (the caller publishes their events). */
  async insertOrders(tx: Tx, rows: OrderInsert[], history: StatusChange[], companyId: string): Promise<void> {
    await insertJsonRows(tx, orders, 'orders.orders', rows);
    await this.insertHistory(tx, history, companyId);
  }

  async insertHistory(tx: Tx, history: StatusChange[], companyId: string): Promise<void> {
    await insertJsonRows(tx, orderStatusHistory, 'orders.order_status_history', history.map((h) => ({ id: newId(), companyId, ...h })));
  }

  async load(tx: Tx, id: string): Promise<Order | null> {
    const [row] = await tx.select().from(orders).where(eq(orders.id, id));
    return row ? Order.restore(toOrderState(row), row.version) : null;
  }

  async save(tx: Tx, order: Order, fingerprint: string): Promise<void> {
    const { id: _id, companyId: _c, createdAt: _ca, createdBy: _cb, ...values } = toOrderRow(order.state, fingerprint);
    const version = await updateVersioned(tx, orders, 'Order', order.id, order.version, values);
    order.markSaved(version);
    await this.insertHistory(tx, order.pullHistory(), order.state.companyId);
  }

  async history(tx: Tx, orderId: string) {
    return tx.select().from(orderStatusHistory).where(eq(orderStatusHistory.orderId, orderId)).orderBy(asc(orderStatusHistory.at), asc(orderStatusHistory.id));
  }

  async importOrders(tx: Tx, importId: string): Promise<Order[]> {
    const rows = await tx.select().from(orders).where(eq(orders.importId, importId));
    return rows.map((r) => Order.restore(toOrderState(r), r.version));
  }

  /** Bulk status write for rollbacks: one UPDATE for every order that moved, guarded by version. */
  async saveCancelled(tx: Tx, cancelled: Order[]): Promise<number> {
    let updated = 0;
    for (const chunk of chunks(cancelled, SMALL_CHUNK)) {
      const payload = JSON.stringify(chunk.map((o) => ({ id: o.id, v: o.version, reason: o.state.cancelReason, at: o.state.cancelledAt })));
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`update orders.orders o set status = 'cancelled', cancel_reason = x.reason, cancelled_at = x.at, updated_at = x.at, version = o.version + 1
            from jsonb_to_recordset(${payload}::jsonb) as x(id uuid, v int, reason text, at timestamptz)
            where o.id = x.id and o.version = x.v and o.status <> 'cancelled' returning o.id`,
      );
      updated += rows.length;
    }
    await this.insertHistory(tx, cancelled.flatMap((o) => o.pullHistory()), cancelled[0]?.state.companyId ?? '');
    return updated;
  }

  // ---- routing rules ----

  async rules(tx: Tx): Promise<(RoutingRule & { version: number; createdAt: Date; updatedAt: Date })[]> {
    const rows = await tx.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.createdAt));
    return rows.map((r) => ({ id: r.id, name: r.name, position: r.position, enabled: r.enabled, conditions: r.conditions, actions: { warehouseId: r.warehouseId, courierPreference: r.courierPreference }, version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt }));
  }

  async insertRule(tx: Tx, companyId: string, rule: RoutingRule, now: Date): Promise<void> {
    await tx.insert(routingRules).values({ id: rule.id, companyId, name: rule.name, position: rule.position, enabled: rule.enabled, conditions: rule.conditions, warehouseId: rule.actions.warehouseId, courierPreference: rule.actions.courierPreference, createdAt: now, updatedAt: now });
  }

  async updateRule(tx: Tx, rule: RoutingRule, expectedVersion: number, now: Date): Promise<number> {
    return updateVersioned(tx, routingRules, 'Routing rule', rule.id, expectedVersion, {
      name: rule.name,
      enabled: rule.enabled,
      conditions: rule.conditions,
      warehouseId: rule.actions.warehouseId,
      courierPreference: rule.actions.courierPreference,
      updatedAt: now,
    });
  }

  async deleteRule(tx: Tx, id: string): Promise<boolean> {
    return (await tx.delete(routingRules).where(eq(routingRules.id, id)).returning({ id: routingRules.id })).length > 0;
  }

  /** Positions are the company's list order, not rule content: they do not bump the rules' versions. */
  async setPositions(tx: Tx, ids: string[], now: Date): Promise<void> {
    const payload = JSON.stringify(ids.map((id, i) => ({ id, p: i + 1 })));
    await tx.execute(sql`update orders.routing_rules r set position = x.p, updated_at = ${now.toISOString()}::timestamptz from jsonb_to_recordset(${payload}::jsonb) as x(id uuid, p int) where r.id = x.id`);
  }

  async ruleExists(tx: Tx, id: string): Promise<boolean> {
    return (await tx.select({ id: routingRules.id }).from(routingRules).where(and(eq(routingRules.id, id)))).length > 0;
  }
}
