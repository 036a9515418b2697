import type { BookingRequest, SpecialHandling } from '@shipcrowd/couriers/contracts';
import type { OrderShippingView } from '@shipcrowd/orders/contracts';
import type { WarehouseView } from '@shipcrowd/warehouses/contracts';

/** The courier-neutral booking for an order shipped from a warehouse. */
export function bookingRequestFor(order: OrderShippingView, warehouse: WarehouseView, service: string, reference: string): BookingRequest {
  const handling: SpecialHandling[] = [];
  if (order.handling.fragile) handling.push('fragile');
  if (order.handling.liquid) handling.push('liquid');
  if (order.handling.dangerousGoods) handling.push('dangerous_goods');
  const warehouseParty = {
    name: warehouse.contactName,
    companyName: warehouse.name,
    phone: warehouse.contactPhone,
    email: warehouse.contactEmail ?? null,
    gstin: warehouse.gstin ?? null,
    line1: warehouse.addressLine1,
    line2: warehouse.addressLine2,
    landmark: warehouse.landmark ?? null,
    city: warehouse.city,
    state: warehouse.state,
    pincode: warehouse.pincode,
  };
  return {
    reference,
    orderNumber: order.orderNumber,
    service,
    paymentMode: order.paymentMode,
    codAmountPaise: order.paymentMode === 'cod' ? order.codAmountPaise : 0,
    declaredValuePaise: order.declaredValuePaise,
    consignee: { ...order.buyer, ...order.shippingAddress },
    pickup: { ...warehouseParty, warehouseCode: warehouse.code },
    returnAddress: warehouseParty,
    packages: order.packages.map((p) => ({ ...p })),
    items: order.items.map((i) => ({ ...i })),
    productDescription: order.items.map((i) => (i.quantity > 1 ? `${i.name} x${i.quantity}` : i.name)).join(', ').slice(0, 200),
    handling,
    insured: order.insured,
    b2b: order.b2b
      ? {
          invoiceNumber: order.b2b.invoiceNumber,
          invoiceValuePaise: order.b2b.invoiceValuePaise,
          invoiceDate: order.b2b.invoiceDate,
          ewaybillNumber: order.b2b.ewaybillNumber,
          freightMode: order.b2b.freightMode,
          boxCount: order.b2b.boxCount,
          appointmentDelivery: order.b2b.appointmentDelivery,
        }
      : null,
  };
}

/** Chargeable weight input for a quote: one package with its dimensions, or the sum of per-box max(dead, volumetric at 5000). */
export function quoteWeightOf(order: Pick<OrderShippingView, 'packages'>): { weightGrams: number; dimensionsCm?: { length: number; breadth: number; height: number } } {
  if (order.packages.length === 1) {
    const [p] = order.packages;
    return { weightGrams: p.weightGrams, dimensionsCm: { length: p.lengthCm, breadth: p.breadthCm, height: p.heightCm } };
  }
  const grams = order.packages.reduce((sum, p) => sum + Math.max(p.weightGrams, Math.ceil((p.lengthCm * p.breadthCm * p.heightCm) / 5)), 0);
  return { weightGrams: grams };
}
