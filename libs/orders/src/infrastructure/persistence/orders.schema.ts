import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, tenantIsolationPolicy } from '@shipcrowd/platform';
import type { OrderItemDraft } from '../../../contracts';
import type { DuplicateMode } from '../../domain/duplicates';
import type { AddressQuality, OrderStatus, RoutingDecision } from '../../domain/order';
import type { AddressSpec, B2bSpec, ItemSpec, PackageSpec } from '../../domain/order-spec';
import type { RoutingConditions } from '../../domain/routing';

export const ordersSchema = pgSchema('orders');

/** Values that mark an order number as released (see orders.number_release). */
export const orderNumberReleases = ordersSchema.sequence('order_number_releases');

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const paise = (name: string) => bigint(name, { mode: 'number' });

/**
 * Orders. Lines and boxes are jsonb on the order (always read and written with it); everything lists filter
 * or search on is a column. `search` is generated from order number, buyer name, phone, email and AWB.
 */
export const orders = ordersSchema.table(
  'orders',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    orderNumber: text('order_number').notNull(),
    /**
     * 0 while the order holds its number. Rolling back its import cancels it and sets this to a fresh value of
     * order_number_releases, which frees the number: the same file can then be imported again.
     */
    numberRelease: bigint('number_release', { mode: 'number' }).notNull().default(0),
    channel: text('channel').notNull(),
    channelOrderId: text('channel_order_id'),
    orderDate: timestamp('order_date', { withTimezone: true }).notNull(),
    type: text('type').$type<'b2c' | 'b2b'>().notNull(),
    paymentMode: text('payment_mode').$type<'prepaid' | 'cod'>().notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    buyerName: text('buyer_name').notNull(),
    buyerPhone: text('buyer_phone').notNull(),
    buyerEmail: text('buyer_email'),
    buyerCompanyName: text('buyer_company_name'),
    buyerGstin: text('buyer_gstin'),
    shippingAddress: jsonb('shipping_address').$type<AddressSpec>().notNull(),
    billingAddress: jsonb('billing_address').$type<AddressSpec>(),
    destinationPincode: text('destination_pincode').notNull(),
    destinationState: text('destination_state').notNull(),
    items: jsonb('items').$type<ItemSpec[] | OrderItemDraft[]>().notNull(),
    packages: jsonb('packages').$type<PackageSpec[]>().notNull(),
    totalWeightGrams: integer('total_weight_grams').notNull(),
    itemsPaise: paise('items_paise').notNull(),
    discountPaise: paise('discount_paise').notNull(),
    orderDiscountPaise: paise('order_discount_paise').notNull(),
    shippingPaise: paise('shipping_paise').notNull(),
    taxPaise: paise('tax_paise').notNull(),
    totalPaise: paise('total_paise').notNull(),
    codAmountPaise: paise('cod_amount_paise').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    /** The draft's own warehouse choice (null when routing chose). */
    requestedWarehouseId: uuid('requested_warehouse_id'),
    routingRuleId: uuid('routing_rule_id'),
    routing: jsonb('routing').$type<RoutingDecision>().notNull(),
    courierPreference: jsonb('courier_preference').$type<string[]>().notNull(),
    tags: text('tags').array().notNull(),
    notes: text('notes'),
    fragile: boolean('fragile').notNull(),
    liquid: boolean('liquid').notNull(),
    dangerousGoods: boolean('dangerous_goods').notNull(),
    insured: boolean('insured').notNull(),
    declaredValuePaise: paise('declared_value_paise'),
    b2b: jsonb('b2b').$type<B2bSpec>(),
    freightMode: text('freight_mode').$type<'parcel' | 'ptl' | 'ftl'>().notNull(),
    heavyFreight: boolean('heavy_freight').notNull(),
    boxCount: integer('box_count').notNull(),
    appointmentDelivery: boolean('appointment_delivery').notNull(),
    addressQuality: jsonb('address_quality').$type<AddressQuality>(),
    addressScore: integer('address_score'),
    /** Filled by shipping when a label is booked. */
    awb: text('awb'),
    duplicateOf: uuid('duplicate_of'),
    duplicateFingerprint: text('duplicate_fingerprint').notNull(),
    importId: uuid('import_id'),
    cancelReason: text('cancel_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('simple'::regconfig, coalesce(order_number, '') || ' ' || coalesce(buyer_name, '') || ' ' || coalesce(buyer_phone, '') || ' ' || coalesce(buyer_email, '') || ' ' || coalesce(awb, ''))`,
    ),
  },
  (t) => [
    // text_pattern_ops: one index for both the uniqueness (and = lookups) and order-number prefix search (LIKE 'x%').
    // Unique among orders holding their number (number_release = 0); released numbers are each unique by release.
    uniqueIndex('orders_company_number_uq').on(t.companyId, t.orderNumber.op('text_pattern_ops'), t.numberRelease),
    // Also serves the payment-mode filter (two values: an index of its own would cost every insert and save little).
    index('orders_company_created_idx').on(t.companyId, t.createdAt.desc(), t.id.desc()),
    index('orders_company_status_idx').on(t.companyId, t.status, t.createdAt.desc()),
    index('orders_company_warehouse_idx').on(t.companyId, t.warehouseId, t.createdAt.desc()),
    index('orders_company_channel_idx').on(t.companyId, t.channel, t.channelOrderId),
    index('orders_company_duplicate_of_idx').on(t.companyId, t.duplicateOf).where(sql`duplicate_of is not null`),
    index('orders_company_fingerprint_idx').on(t.companyId, t.duplicateFingerprint, t.createdAt),
    index('orders_company_import_idx').on(t.companyId, t.importId).where(sql`import_id is not null`),
    index('orders_tags_gin').using('gin', t.tags),
    index('orders_search_gin').using('gin', t.search),
    index('orders_company_phone_prefix_idx').on(t.companyId, t.buyerPhone.op('text_pattern_ops')),
    index('orders_company_awb_idx').on(t.companyId, t.awb).where(sql`awb is not null`),
    tenantIsolationPolicy(),
  ],
).enableRLS();

export const orderStatusHistory = ordersSchema.table(
  'order_status_history',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    orderId: uuid('order_id').notNull(),
    fromStatus: text('from_status').$type<OrderStatus>(),
    toStatus: text('to_status').$type<OrderStatus>().notNull(),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('order_status_history_order_idx').on(t.companyId, t.orderId, t.at), tenantIsolationPolicy()],
).enableRLS();

export const orderSettings = ordersSchema.table(
  'order_settings',
  {
    companyId: companyIdColumn().primaryKey(),
    modificationWindowMinutes: integer('modification_window_minutes').notNull(),
    duplicateMode: text('duplicate_mode').$type<DuplicateMode>().notNull(),
    duplicateWindowMinutes: integer('duplicate_window_minutes').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by'),
  },
  () => [tenantIsolationPolicy()],
).enableRLS();

/** Per company and day, the last generated order number suffix (SC-YYMMDD-00001). */
export const orderNumberCounters = ordersSchema.table(
  'order_number_counters',
  {
    companyId: companyIdColumn(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('order_number_counters_uq').on(t.companyId, t.day), tenantIsolationPolicy()],
).enableRLS();

export const routingRules = ordersSchema.table(
  'routing_rules',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull(),
    conditions: jsonb('conditions').$type<RoutingConditions>().notNull(),
    warehouseId: uuid('warehouse_id'),
    courierPreference: jsonb('courier_preference').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('routing_rules_company_position_idx').on(t.companyId, t.position), tenantIsolationPolicy()],
).enableRLS();
