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

/** Rows per INSERT ... SELECT FROM jsonb_array_elements (see insertRows; about a megabyte of JSON for 2,000 orders). */
const INSERT_CHUNK = 2000;
const SMALL_CHUNK = 4000;

export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** How element `index` of the JSON array `source` becomes a value of the column's SQL type (JSON null is SQL NULL). */
function fromJson(source: string, index: number, sqlType: string): string {
  const element = `${source}->${index}`;
  if (sqlType === 'jsonb') return `nullif(${element}, 'null'::jsonb)`;
  if (sqlType.endsWith('[]')) return `case when jsonb_typeof(${element}) = 'array' then array(select jsonb_array_elements_text(${element}))::${sqlType} end`;
  return `(${source}->>${index})::${sqlType}`;
}

/**
 * Multi-row INSERT with two bind parameters per chunk of rows:
 * - each row travels as a JSON array of its own values (column order, no key names: JSON objects keyed by column
 *   name are mostly key names), taken apart by jsonb_array_elements;
 * - the values every row of the chunk shares (company, import, user, timestamps, flags, nulls) travel once, in a
 *   second JSON array.
 * For an import that is 40% of the JSON of the previous json_populate_recordset objects (less to build, send and
 * parse); a bind parameter per value (58 columns x rows) costs seconds per 10,000 orders. The columns are those of
 * the first row plus every one without a default (undefined is written as null); generated ones never.
 */
async function insertRows(tx: Tx, table: PgTable, qualifiedName: string, rows: readonly object[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key, c]) => !c.generated && (!c.hasDefault || key in rows[0]));
  const names = sql.raw(columns.map(([, c]) => `"${c.name}"`).join(', '));
  const valueOf = (row: object, key: string) => (row as Record<string, unknown>)[key] ?? null;
  for (const chunk of chunks(rows, INSERT_CHUNK)) {
    const own: string[] = [];
    const shared: unknown[] = [];
    const select = columns.map(([key, c]) => {
      const first = valueOf(chunk[0], key);
      if (chunk.every((row) => valueOf(row, key) === first)) return fromJson('s.v', shared.push(first) - 1, c.getSQLType());
      return fromJson('r', own.push(key) - 1, c.getSQLType());
    });
    const values = chunk.map((row) => own.map((key) => valueOf(row, key)));
    await tx.execute(
      sql`insert into ${sql.raw(qualifiedName)} (${names}) select ${sql.raw(select.join(', '))}
          from jsonb_array_elements(${JSON.stringify(values)}::jsonb) as r, (select ${JSON.stringify(shared)}::jsonb as v) as s`,
    );
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

  /** Which of these numbers the company's orders hold (one index probe per number, see duplicateCandidates); released ones are free. */
  async takenNumbers(tx: Tx, companyId: string, numbers: string[]): Promise<Set<string>> {
    if (!numbers.length) return new Set();
    const rows = await queryRows<{ order_number: string }>(
      tx,
      sql`select hit.order_number from jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb) as n(order_number)
          cross join lateral (select o.order_number from orders.orders o where o.company_id = ${companyId} and o.order_number = n.order_number and o.number_release = 0 offset 0) hit`,
    );
    return new Set(rows.map((r) => r.order_number));
  }

  /**
   * Live (not cancelled) orders with one of these channel order ids (same channel), or one of these fingerprints
   * since `since`; oldest first. The batch's keys drive one index probe each, (company, channel, channel order id) /
   * (company, fingerprint, created_at), so the cost follows the batch, not the company's order count:
   * - company_id is named: the row-level security predicate alone does not let the planner use those indexes;
   * - a LATERAL subquery per key (`offset 0` keeps it from being flattened into a join). A join, or `= any(keys)`,
   *   is planned from statistics, and while an import runs they are stale: 1,000 keys then look like "most rows", and
   *   the planner scanned every recent order of the company for each batch (60-80 ms a batch, growing with the import).
   */
  async duplicateCandidates(tx: Tx, companyId: string, channelOrders: { channel: string; channelOrderId: string }[], fingerprints: string[], since: Date): Promise<LiveOrderKey[]> {
    if (!channelOrders.length && !fingerprints.length) return [];
    return queryRows<LiveOrderKey>(
      tx,
      sql`select hit.* from jsonb_to_recordset(${JSON.stringify(channelOrders)}::jsonb) as k(channel text, "channelOrderId" text)
          cross join lateral (
            select o.id, o.order_number, o.channel, o.channel_order_id, o.duplicate_fingerprint, o.created_at from orders.orders o
             where o.company_id = ${companyId} and o.channel = k.channel and o.channel_order_id = k."channelOrderId" and o.status <> 'cancelled' offset 0) hit
          union
          select hit.* from jsonb_array_elements_text(${JSON.stringify(fingerprints)}::jsonb) as f(fingerprint)
          cross join lateral (
            select o.id, o.order_number, o.channel, o.channel_order_id, o.duplicate_fingerprint, o.created_at from orders.orders o
             where o.company_id = ${companyId} and o.duplicate_fingerprint = f.fingerprint and o.created_at >= ${since.toISOString()}::timestamptz
               and o.status <> 'cancelled' offset 0) hit
          order by created_at`,
    );
  }

  /** Multi-row inserts of new orders and their first status rows (the caller publishes their events). */
  async insertOrders(tx: Tx, rows: OrderInsert[], history: StatusChange[], companyId: string): Promise<void> {
    await insertRows(tx, orders, 'orders.orders', rows);
    await this.insertHistory(tx, history, companyId);
  }

  async insertHistory(tx: Tx, history: StatusChange[], companyId: string): Promise<void> {
    await insertRows(tx, orderStatusHistory, 'orders.order_status_history', history.map((h) => ({ id: newId(), companyId, ...h })));
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

  async importOrders(tx: Tx, companyId: string, importId: string): Promise<Order[]> {
    const rows = await tx.select().from(orders).where(and(eq(orders.companyId, companyId), eq(orders.importId, importId)));
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

  /** Frees the numbers of these (cancelled) orders for new orders: each gets a release value of its own. */
  async releaseNumbers(tx: Tx, orderIds: string[]): Promise<void> {
    for (const chunk of chunks(orderIds, SMALL_CHUNK)) {
      await tx.execute(sql`update orders.orders set number_release = nextval('orders.order_number_releases') where id = any(${`{${chunk.join(',')}}`}::uuid[]) and number_release = 0`);
    }
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
