import type { OrderDetails } from '../../application/queries/get-order/get-order.handler';
import type { OrderSummaryRow } from '../../application/queries/list-orders/list-orders.handler';

export function orderView(d: OrderDetails, windowMinutes: number) {
  const o = d.order;
  const s = o.spec;
  const w = d.warehouse;
  return {
    id: o.id,
    orderNumber: o.orderNumber,
    status: o.status,
    version: d.version,
    channel: s.channel,
    channelOrderId: s.channelOrderId,
    orderDate: s.orderDate.toISOString(),
    type: s.type,
    paymentMode: s.paymentMode,
    buyer: s.buyer,
    shippingAddress: s.shippingAddress,
    billingAddress: s.billingAddress,
    items: s.items,
    packages: s.packages,
    totals: s.totals,
    codAmountPaise: s.codAmountPaise,
    totalWeightGrams: s.totalWeightGrams,
    tags: s.tags,
    notes: s.notes,
    handling: s.handling,
    insurance: s.insurance,
    b2b: s.b2b,
    freight: { mode: s.freightMode, heavy: s.heavyFreight, boxCount: s.boxCount, appointmentDelivery: s.appointmentDelivery },
    warehouse: w ? { id: w.id, code: w.code, name: w.name, pincode: w.pincode, city: w.city, state: w.state } : { id: o.warehouseId },
    routing: o.routing,
    addressQuality: o.addressQuality,
    duplicateOf: o.duplicateOf,
    importId: o.importId,
    awb: o.awb,
    cancelReason: o.cancelReason,
    cancelledAt: o.cancelledAt?.toISOString() ?? null,
    modifiableUntil: new Date(o.createdAt.getTime() + windowMinutes * 60_000).toISOString(),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    statusHistory: d.history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}

export function orderSummaryView(r: OrderSummaryRow) {
  return {
    id: r.id,
    orderNumber: r.orderNumber,
    status: r.status,
    channel: r.channel,
    channelOrderId: r.channelOrderId,
    type: r.type,
    paymentMode: r.paymentMode,
    buyerName: r.buyerName,
    buyerPhone: r.buyerPhone,
    destinationPincode: r.shippingAddress.pincode,
    destinationCity: r.shippingAddress.city,
    totalPaise: r.totalPaise,
    codAmountPaise: r.codAmountPaise,
    weightGrams: r.totalWeightGrams,
    warehouseId: r.warehouseId,
    tags: r.tags,
    awb: r.awb,
    duplicateOf: r.duplicateOf,
    addressScore: r.addressScore,
    importId: r.importId,
    createdAt: r.createdAt.toISOString(),
  };
}
