import { AggregateRoot, domainEvent, DomainError } from '@shipcrowd/kernel';
import { ORDER_EVENTS } from '../../contracts';
import type { OrderSpec } from './order-spec';

/** Lifecycle; this context creates 'new' and 'cancelled', shipping moves orders on from ready_to_ship. */
export type OrderStatus = 'new' | 'ready_to_ship' | 'pickup_scheduled' | 'shipped' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'rto' | 'lost' | 'cancelled';
export const ORDER_STATUSES: readonly OrderStatus[] = ['new', 'ready_to_ship', 'pickup_scheduled', 'shipped', 'in_transit', 'out_for_delivery', 'delivered', 'rto', 'lost', 'cancelled'];
/** From here on the parcel is with a courier: no edits, no cancel. */
const SHIPPED: ReadonlySet<OrderStatus> = new Set(['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'rto', 'lost']);

export function hasShipped(status: OrderStatus): boolean {
  return SHIPPED.has(status);
}

export interface AddressQuality {
  score: number;
  grade: 'good' | 'fair' | 'poor';
  issues: { code: string; field: string; message: string; penalty: number }[];
}

export interface RoutingDecision {
  /** draft: the order named its warehouse; rule: a routing rule chose; default: the company's default warehouse. */
  source: 'draft' | 'rule' | 'default';
  ruleId: string | null;
  ruleName: string | null;
  courierPreference: string[];
  reason: string;
}

export interface StatusChange {
  orderId: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  reason: string | null;
  actorUserId: string | null;
  at: Date;
}

export interface OrderState {
  id: string;
  companyId: string;
  orderNumber: string;
  spec: OrderSpec;
  status: OrderStatus;
  warehouseId: string;
  routing: RoutingDecision;
  addressQuality: AddressQuality | null;
  duplicateOf: string | null;
  importId: string | null;
  awb: string | null;
  cancelReason: string | null;
  cancelledAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class Order extends AggregateRoot {
  private history: StatusChange[] = [];

  private constructor(
    private s: OrderState,
    version: number,
  ) {
    super(s.id, version);
  }

  static place(props: Omit<OrderState, 'status' | 'awb' | 'cancelReason' | 'cancelledAt' | 'updatedAt'>): Order {
    const order = new Order({ ...props, status: 'new', awb: null, cancelReason: null, cancelledAt: null, updatedAt: props.createdAt }, 1);
    order.history.push({ orderId: props.id, fromStatus: null, toStatus: 'new', reason: props.importId ? 'imported' : 'placed', actorUserId: props.createdBy, at: props.createdAt });
    order.emit(ORDER_EVENTS.orderPlaced, props.createdAt, {
      channel: props.spec.channel,
      channelOrderId: props.spec.channelOrderId,
      type: props.spec.type,
      paymentMode: props.spec.paymentMode,
      totalPaise: props.spec.totals.totalPaise,
      codAmountPaise: props.spec.codAmountPaise,
      warehouseId: props.warehouseId,
      destinationPincode: props.spec.shippingAddress.pincode,
      weightGrams: props.spec.totalWeightGrams,
      courierPreference: props.routing.courierPreference,
      importId: props.importId,
      duplicateOf: props.duplicateOf,
    });
    return order;
  }

  static restore(state: OrderState, version: number): Order {
    return new Order(state, version);
  }

  get state(): Readonly<OrderState> {
    return this.s;
  }

  /** Why an edit is refused now, or nothing. */
  assertModifiable(now: Date, windowMinutes: number): void {
    if (this.s.status === 'cancelled') throw new DomainError('order.cancelled', `Order ${this.s.orderNumber} is cancelled and can no longer be edited.`, 'conflict');
    if (this.s.status !== 'new' && this.s.status !== 'ready_to_ship') {
      throw new DomainError('order.already_shipped', `Order ${this.s.orderNumber} is ${this.s.status}; orders can only be edited before shipping.`, 'conflict', { orderStatus: this.s.status });
    }
    const closesAt = new Date(this.s.createdAt.getTime() + windowMinutes * 60_000);
    if (now.getTime() > closesAt.getTime()) {
      throw new DomainError('order.modification_window_closed', `Order ${this.s.orderNumber} could be edited for ${windowMinutes} minutes after creation (until ${closesAt.toISOString()}).`, 'conflict', {
        windowMinutes,
        closedAt: closesAt.toISOString(),
      });
    }
  }

  /** Replaces the order's content with a re-validated spec (same rules as placing it). */
  revise(next: { spec: OrderSpec; warehouseId: string; routing: RoutingDecision; addressQuality: AddressQuality | null }, now: Date, windowMinutes: number, actorUserId: string | null): string[] {
    this.assertModifiable(now, windowMinutes);
    const changed = changedFields(this.s, next);
    if (changed.length === 0) return changed;
    this.s = { ...this.s, ...next, orderNumber: next.spec.orderNumber ?? this.s.orderNumber, updatedAt: now };
    this.emit(ORDER_EVENTS.orderUpdated, now, { changed, totalPaise: next.spec.totals.totalPaise, codAmountPaise: next.spec.codAmountPaise, warehouseId: next.warehouseId, actorUserId });
    return changed;
  }

  /** Soft cancel with a reason; not once the parcel is with a courier. Cancelling twice is refused. */
  cancel(reason: string, now: Date, actorUserId: string | null): void {
    const why = reason.trim();
    if (!why) throw new DomainError('order.cancel_reason_required', 'Say why the order is cancelled.', 'validation', { errors: [{ field: 'reason', message: 'is required', code: 'required' }] });
    if (this.s.status === 'cancelled') throw new DomainError('order.already_cancelled', `Order ${this.s.orderNumber} is already cancelled.`, 'conflict');
    if (hasShipped(this.s.status)) throw new DomainError('order.already_shipped', `Order ${this.s.orderNumber} is ${this.s.status}; a shipped order cannot be cancelled (raise an RTO instead).`, 'conflict', { orderStatus: this.s.status });
    this.history.push({ orderId: this.s.id, fromStatus: this.s.status, toStatus: 'cancelled', reason: why, actorUserId, at: now });
    this.s = { ...this.s, status: 'cancelled', cancelReason: why, cancelledAt: now, updatedAt: now };
    this.emit(ORDER_EVENTS.orderCancelled, now, { reason: why, actorUserId, importId: this.s.importId });
  }

  /** A shipment moved on (booked, picked up, delivered, cancelled back to new ...). A cancelled order stays cancelled. */
  followShipment(status: OrderStatus, awb: string | null, reason: string, now: Date): boolean {
    if (this.s.status === 'cancelled' || (this.s.status === status && this.s.awb === awb)) return false;
    const from = this.s.status;
    this.history.push({ orderId: this.s.id, fromStatus: from, toStatus: status, reason, actorUserId: null, at: now });
    this.s = { ...this.s, status, awb, updatedAt: now };
    this.emit(ORDER_EVENTS.orderStatusChanged, now, { fromStatus: from, awb, reason });
    return true;
  }

  pullHistory(): StatusChange[] {
    const h = this.history;
    this.history = [];
    return h;
  }

  private emit(type: string, at: Date, extra: Record<string, unknown>): void {
    this.record(domainEvent(type, this.s.id, this.s.companyId, { orderId: this.s.id, orderNumber: this.s.orderNumber, status: this.s.status, ...extra }, at));
  }
}

function changedFields(before: OrderState, after: { spec: OrderSpec; warehouseId: string }): string[] {
  const a = before.spec as unknown as Record<string, unknown>;
  const b = after.spec as unknown as Record<string, unknown>;
  const fields = Object.keys(b).filter((k) => k !== 'orderDate' && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (before.warehouseId !== after.warehouseId && !fields.includes('warehouseId')) fields.push('warehouseId');
  return fields.sort();
}
