/** Realistic document data for specs and bench/labels.bench.js. */
import type { CommercialInvoiceView, ManifestView, Party, ProofOfDeliveryView, ShippingLabelView } from '../document-views';

/** A 1 x 1 PNG: enough to prove an inline logo is printed. */
export const SAMPLE_LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export const SAMPLE_WAREHOUSE: Party = {
  name: 'Kavya Crafts Pvt Ltd — Peenya WH',
  phone: '+91 80 4123 4567',
  gstin: '29AAFCC9980M1ZR',
  address: { lines: ['Plot 42, Peenya Industrial Area, 2nd Stage'], city: 'Bengaluru', state: 'Karnataka', pincode: '560058' },
};

const BUYERS: Party[] = [
  { name: 'Ananya Sharma', phone: '+91 98765 43210', address: { lines: ['Flat 12B, Sunrise Apartments', 'Near City Mall, Andheri West'], city: 'Mumbai', state: 'Maharashtra', pincode: '400053' } },
  { name: 'Rahul Verma', phone: '9812345678', address: { lines: ['H.No. 221, Sector 15'], city: 'Gurugram', state: 'Haryana', pincode: '122001' } },
  { name: 'Lakshmi Narayanan', phone: '+919444012345', address: { lines: ['No. 7, 3rd Cross Street, Besant Nagar'], city: 'Chennai', state: 'Tamil Nadu', pincode: '600090' } },
];

const ROUTING_CODES = ['BOM/ANH', 'GGN/SEC', 'MAA/BSN'];

/** The i-th label of a batch: AWB SCA000000i, alternating COD and prepaid. */
export function sampleLabel(i: number, overrides: Partial<ShippingLabelView> = {}): ShippingLabelView {
  const cod = i % 2 === 0;
  return {
    direction: 'forward',
    branding: { companyName: 'Kavya Crafts', logoDataUrl: SAMPLE_LOGO, brandColour: '#8a1c4a' },
    courier: { name: 'Delhivery', service: 'Surface' },
    awb: sampleAwb(i),
    routingCode: ROUTING_CODES[i % BUYERS.length],
    orderNumber: `KC-2026-${String(10_000 + i)}`,
    labelDate: new Date('2026-11-21T09:30:00+05:30'),
    paymentMode: cod ? 'cod' : 'prepaid',
    codAmountPaise: cod ? 129_900 + i * 100 : undefined,
    consignee: BUYERS[i % BUYERS.length],
    shipper: SAMPLE_WAREHOUSE,
    returnAddress: SAMPLE_WAREHOUSE,
    package: { weightGrams: 500 + (i % 7) * 250, lengthCm: 30, breadthCm: 20, heightCm: 5 },
    invoice: { number: `INV/26-27/${String(4_000 + i)}`, valuePaise: 129_900 + i * 100 },
    items: [
      { name: 'Hand-block printed cotton kurta', sku: 'KRT-BLU-M', quantity: 1 },
      { name: 'Dupatta, silk blend', sku: 'DUP-RED', quantity: 2 },
    ],
    ...overrides,
  };
}

/** A buyer's return: picked up from the buyer, delivered to the seller's warehouse. */
export function sampleReturnLabel(i: number, overrides: Partial<ShippingLabelView> = {}): ShippingLabelView {
  return sampleLabel(i, { direction: 'return', paymentMode: 'prepaid', codAmountPaise: undefined, consignee: SAMPLE_WAREHOUSE, shipper: BUYERS[i % BUYERS.length], returnAddress: undefined, ...overrides });
}

export const sampleAwb = (i: number): string => `SCA${String(i).padStart(10, '0')}`;

export function sampleManifest(shipments: number): ManifestView {
  return {
    manifestNumber: 'MF-20261121-0007',
    branding: { companyName: 'Kavya Crafts', logoDataUrl: SAMPLE_LOGO, brandColour: '#8a1c4a' },
    courier: { name: 'Delhivery', service: 'Surface' },
    warehouse: { ...SAMPLE_WAREHOUSE, code: 'BLR-1' },
    pickup: { id: 'PU-88213', scheduledAt: new Date('2026-11-21T15:00:00+05:30') },
    generatedAt: new Date('2026-11-21T11:05:00+05:30'),
    shipments: Array.from({ length: shipments }, (_, i) => ({
      awb: sampleAwb(i),
      orderNumber: `KC-2026-${String(10_000 + i)}`,
      paymentMode: i % 2 === 0 ? ('cod' as const) : ('prepaid' as const),
      codAmountPaise: i % 2 === 0 ? 129_900 + i * 100 : undefined,
      weightGrams: 500 + (i % 7) * 250,
    })),
  };
}

export function sampleInvoice(overrides: Partial<CommercialInvoiceView> = {}): CommercialInvoiceView {
  return {
    branding: { companyName: 'Kavya Crafts', brandColour: '#8a1c4a' },
    invoiceNumber: 'INV/26-27/4102',
    invoiceDate: new Date('2026-11-21T10:00:00+05:30'),
    seller: { ...SAMPLE_WAREHOUSE, name: 'Kavya Crafts Pvt Ltd', gstin: '29AAFCC9980M1ZR', state: { code: '29', name: 'Karnataka' } },
    buyer: {
      name: 'Urban Weaves LLP',
      phone: '+91 22 6677 8899',
      gstin: '27AAPFU0939F1ZV',
      address: { lines: ['Unit 5, Kamala Mills Compound', 'Lower Parel'], city: 'Mumbai', state: 'Maharashtra', pincode: '400013' },
      state: { code: '27', name: 'Maharashtra' },
    },
    orderNumber: 'KC-B2B-0042',
    awb: sampleAwb(42),
    courierName: 'Delhivery',
    lines: [
      { description: 'Hand-block printed cotton kurta', hsn: '6204', quantity: 10, unit: 'pcs', unitPricePaise: 89_900, gstRatePercent: 5 },
      { description: 'Silk blend dupatta', hsn: '6214', quantity: 4, unit: 'pcs', unitPricePaise: 125_050, discountPaise: 10_000, gstRatePercent: 12 },
    ],
    ...overrides,
  };
}

export function sampleProofOfDelivery(overrides: Partial<ProofOfDeliveryView> = {}): ProofOfDeliveryView {
  return {
    branding: { companyName: 'Kavya Crafts', logoDataUrl: SAMPLE_LOGO, brandColour: '#8a1c4a' },
    courier: { name: 'Delhivery', service: 'Surface' },
    awb: sampleAwb(7),
    orderNumber: 'KC-2026-10007',
    consignee: BUYERS[0],
    deliveredAt: new Date('2026-11-24T13:42:00+05:30'),
    receivedBy: { name: 'Ananya Sharma', relation: 'Self' },
    deliveryLocation: 'Andheri West, Mumbai',
    otpVerified: true,
    paymentMode: 'cod',
    codCollectedPaise: 130_600,
    signatureDataUrl: SAMPLE_LOGO,
    timeline: [
      { at: new Date('2026-11-21T15:20:00+05:30'), status: 'Picked up', location: 'Bengaluru Peenya' },
      { at: new Date('2026-11-22T02:10:00+05:30'), status: 'In transit', location: 'Bengaluru Hub', remark: 'Bag added to trip' },
      { at: new Date('2026-11-24T08:05:00+05:30'), status: 'Out for delivery', location: 'Mumbai Andheri DC' },
      { at: new Date('2026-11-24T13:42:00+05:30'), status: 'Delivered', location: 'Andheri West, Mumbai', remark: 'OTP verified' },
    ],
    ...overrides,
  };
}
