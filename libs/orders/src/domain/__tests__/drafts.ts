import type { OrderDraft } from '../../../contracts';

/** A valid B2C prepaid draft for specs; override what a test is about. */
export function b2cDraft(over: Partial<OrderDraft> = {}): OrderDraft {
  return {
    paymentMode: 'prepaid',
    buyer: { name: 'Asha Rao', phone: '+91 98765 43210', email: 'Asha@Example.in' },
    shippingAddress: { line1: 'Flat 12, Sunrise Apartments', landmark: 'Near Metro', city: 'Bengaluru', state: 'Karnataka', pincode: '560038' },
    items: [{ sku: 'TS-BLK-M', name: 'Black T-shirt', quantity: 2, unitPricePaise: 49900, taxRatePercent: 5 }],
    packages: [{ weightGrams: 500, lengthCm: 30, breadthCm: 20, heightCm: 5 }],
    ...over,
  };
}

export const BUYER_GSTIN = '29ABCDE1234F1ZW';

export function b2bDraft(over: Partial<OrderDraft> = {}): OrderDraft {
  return b2cDraft({
    type: 'b2b',
    buyer: { name: 'Ravi Kumar', phone: '9845012345', companyName: 'Kumar Traders', gstin: BUYER_GSTIN },
    items: [{ sku: 'CHAIR-01', name: 'Office chair', quantity: 10, unitPricePaise: 450000, taxRatePercent: 18 }],
    packages: [
      { weightGrams: 12000, lengthCm: 60, breadthCm: 60, heightCm: 90 },
      { weightGrams: 12000, lengthCm: 60, breadthCm: 60, heightCm: 90 },
    ],
    b2b: { invoiceNumber: 'INV-42', invoiceValuePaise: 5310000, invoiceDate: '2026-11-20', freightMode: 'ptl', boxCount: 2, appointmentDelivery: true },
    ...over,
  });
}
