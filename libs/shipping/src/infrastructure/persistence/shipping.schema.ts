import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, tenantIsolationPolicy } from '@shipcrowd/platform';
import type { ShipmentSnapshot, ShipmentState } from '../../domain/shipment';

export const shippingSchema = pgSchema('shipping');
const paise = (name: string) => bigint(name, { mode: 'number' });

/** One booking of an order with a courier (a cancelled or failed booking stays; the order may be booked again). */
export const shipments = shippingSchema.table(
  'shipments',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    orderId: uuid('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    reference: text('reference').notNull(),
    courier: text('courier').notNull(),
    service: text('service').notNull(),
    awb: text('awb'),
    childAwbs: jsonb('child_awbs').$type<string[]>().notNull().default([]),
    status: text('status').$type<ShipmentState>().notNull(),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull(),
    sortCode: text('sort_code'),
    paymentMode: text('payment_mode').$type<'prepaid' | 'cod'>().notNull(),
    codAmountPaise: paise('cod_amount_paise').notNull(),
    declaredValuePaise: paise('declared_value_paise').notNull(),
    deadWeightGrams: integer('dead_weight_grams').notNull(),
    volumetricWeightGrams: integer('volumetric_weight_grams').notNull(),
    chargeableWeightGrams: integer('chargeable_weight_grams').notNull(),
    booking: jsonb('booking').$type<Record<string, unknown>>().notNull(),
    charges: jsonb('charges').$type<ShipmentSnapshot['charges']>(),
    expectedDeliveryDate: text('expected_delivery_date'),
    failure: jsonb('failure').$type<ShipmentSnapshot['failure']>(),
    cancelReason: text('cancel_reason'),
    pickupId: uuid('pickup_id'),
    manifestId: uuid('manifest_id'),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }),
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }),
    pollFailures: integer('poll_failures').notNull().default(0),
    /** The chosen option's transit estimate, kept so a booking finished later (reconciled) dates its delivery the same way. */
    expectedTransitDays: integer('expected_transit_days'),
    /** Reconciliation of a booking left in flight: checks made, and when the next is due (a lease while one runs, then back-off). */
    bookingChecks: integer('booking_checks').notNull().default(0),
    nextBookingCheckAt: timestamp('next_booking_check_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // An order has at most one live shipment: a second booking (even racing) fails here, so no order gets two AWBs.
    uniqueIndex('shipments_live_order_uq').on(t.orderId).where(sql`status not in ('cancelled', 'booking_failed')`),
    // Webhooks and public tracking find shipments by AWB across companies.
    uniqueIndex('shipments_courier_awb_uq').on(t.courier, t.awb).where(sql`awb is not null`),
    index('shipments_awb_idx').on(t.awb).where(sql`awb is not null`),
    index('shipments_company_reference_idx').on(t.companyId, t.reference),
    index('shipments_company_created_idx').on(t.companyId, t.createdAt.desc(), t.id),
    index('shipments_company_status_idx').on(t.companyId, t.status, t.createdAt.desc()),
    index('shipments_company_awaiting_pickup_idx').on(t.companyId, t.warehouseId, t.courier).where(sql`pickup_id is null and status in ('booked', 'manifested')`),
    index('shipments_next_poll_idx').on(t.nextPollAt).where(sql`next_poll_at is not null`),
    // Bookings left in flight (a process stopped between the courier's answer and saving it), oldest first.
    index('shipments_in_flight_booking_idx').on(t.statusAt).where(sql`status = 'booking'`),
    tenantIsolationPolicy(),
  ],
).enableRLS();

/** Every scan of a shipment, raw code and text kept; (shipment, raw code, event time) is the dedupe key. */
export const shipmentEvents = shippingSchema.table(
  'shipment_events',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    shipmentId: uuid('shipment_id').notNull(),
    awb: text('awb').notNull(),
    status: text('status').notNull(),
    rawCode: text('raw_code').notNull(),
    rawStatus: text('raw_status').notNull(),
    location: text('location'),
    remarks: text('remarks'),
    ndrReason: text('ndr_reason'),
    chargedWeightGrams: integer('charged_weight_grams'),
    source: text('source').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('shipment_events_dedupe_uq').on(t.shipmentId, t.awb, t.rawCode, t.occurredAt),
    index('shipment_events_timeline_idx').on(t.shipmentId, t.occurredAt),
    tenantIsolationPolicy(),
  ],
).enableRLS();

/** A pickup requested from a courier for shipments at one warehouse. */
export const pickups = shippingSchema.table(
  'pickups',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    warehouseId: uuid('warehouse_id').notNull(),
    courier: text('courier').notNull(),
    pickupDate: text('pickup_date').notNull(),
    pickupTime: text('pickup_time').notNull(),
    slotReason: text('slot_reason').notNull(),
    courierPickupId: text('courier_pickup_id').notNull(),
    shipmentIds: jsonb('shipment_ids').$type<string[]>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pickups_company_created_idx').on(t.companyId, t.createdAt.desc()), tenantIsolationPolicy()],
).enableRLS();

/** A courier handover list (manifest) with its PDF in file storage. */
export const manifests = shippingSchema.table(
  'manifests',
  {
    id: uuid('id').primaryKey(),
    companyId: companyIdColumn(),
    manifestNumber: text('manifest_number').notNull(),
    courier: text('courier').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    pickupId: uuid('pickup_id'),
    shipmentIds: jsonb('shipment_ids').$type<string[]>().notNull(),
    shipmentCount: integer('shipment_count').notNull(),
    codTotalPaise: paise('cod_total_paise').notNull(),
    documentKey: text('document_key').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('manifests_company_number_uq').on(t.companyId, t.manifestNumber), index('manifests_company_created_idx').on(t.companyId, t.createdAt.desc()), tenantIsolationPolicy()],
).enableRLS();
