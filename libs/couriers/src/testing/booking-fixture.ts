import type { BookingRequest } from '../../contracts';

/** A valid B2C booking from a Bengaluru warehouse to Mumbai; override any part. */
export function bookingFixture(over: Partial<BookingRequest> = {}): BookingRequest {
  return {
    reference: `SC-TEST-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    orderNumber: 'SC-261121-00001',
    service: 'surface',
    paymentMode: 'prepaid',
    codAmountPaise: 0,
    declaredValuePaise: 149_900,
    consignee: { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com', line1: '12 Marine Drive', line2: 'Flat 4B', landmark: 'Near Churchgate', city: 'Mumbai', state: 'Maharashtra', pincode: '400001' },
    pickup: { warehouseCode: 'BLR-1', name: 'Acme Stores', phone: '9123456780', line1: '44 Industrial Area', city: 'Bengaluru', state: 'Karnataka', pincode: '560058', gstin: '29AAFCC9980M1ZR' },
    returnAddress: { name: 'Acme Stores', phone: '9123456780', line1: '44 Industrial Area', city: 'Bengaluru', state: 'Karnataka', pincode: '560058' },
    packages: [{ weightGrams: 800, lengthCm: 20, breadthCm: 15, heightCm: 10 }],
    items: [{ name: 'Cotton kurta', sku: 'KUR-01', quantity: 1, unitPricePaise: 149_900, hsnCode: '6211' }],
    productDescription: 'Cotton kurta',
    handling: [],
    insured: false,
    b2b: null,
    ...over,
  };
}
