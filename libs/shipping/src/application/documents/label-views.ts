import type { PartyAddress } from '@shipcrowd/couriers/contracts';
import { courierProfile, courierService } from '@shipcrowd/couriers/contracts';
import type { ShipmentSnapshot } from '../../domain/shipment';
import type { Branding, LabelDirection, Party, ShippingLabelView } from '../../infrastructure/documents';
import { bookingPartyOf } from '../booking-snapshot';

export const partyOf = (p: PartyAddress): Party => ({
  name: p.companyName ? `${p.name} (${p.companyName})` : p.name,
  phone: p.phone,
  gstin: p.gstin ?? undefined,
  address: { lines: [p.line1, p.line2, p.landmark].filter((l): l is string => !!l), city: p.city, state: p.state, pincode: p.pincode },
});

/**
 * One label per box: the master AWB on every label, each extra box with its child AWB and "n of N". An RTO label
 * addresses the parcel back to the warehouse (return address) from the buyer.
 */
export function labelViewsOf(shipment: ShipmentSnapshot, branding: Branding, labelDate: Date, direction: LabelDirection = 'forward'): ShippingLabelView[] {
  const buyer = partyOf(bookingPartyOf(shipment.booking, 'consignee'));
  const warehouse = partyOf(bookingPartyOf(shipment.booking, 'returnAddress'));
  const booking = shipment.booking as { packages?: ShippingLabelView['package'][]; items?: { name: string; sku?: string | null; quantity: number }[]; b2b?: { invoiceNumber: string; invoiceValuePaise: number } | null };
  const packages = booking.packages?.length ? booking.packages : [{ weightGrams: shipment.deadWeightGrams, lengthCm: 0, breadthCm: 0, heightCm: 0 }];
  const pieces = [shipment.awb!, ...shipment.childAwbs];
  return packages.map((box, i) => ({
    direction,
    branding,
    courier: { name: courierProfile(shipment.courier)?.name ?? shipment.courier, service: courierService(shipment.courier, shipment.service)?.name ?? shipment.service },
    awb: shipment.awb!,
    routingCode: shipment.sortCode ?? undefined,
    orderNumber: shipment.orderNumber,
    labelDate,
    // Nothing is collected on the way back.
    paymentMode: direction === 'forward' ? shipment.paymentMode : 'prepaid',
    codAmountPaise: direction === 'forward' && shipment.paymentMode === 'cod' ? shipment.codAmountPaise : undefined,
    consignee: direction === 'forward' ? buyer : warehouse,
    shipper: direction === 'forward' ? partyOf(bookingPartyOf(shipment.booking, 'pickup')) : buyer,
    returnAddress: warehouse,
    package: box,
    piece: packages.length > 1 ? { number: i + 1, count: packages.length, childAwb: pieces[i] ?? shipment.awb! } : undefined,
    invoice: booking.b2b ? { number: booking.b2b.invoiceNumber, valuePaise: booking.b2b.invoiceValuePaise } : undefined,
    items: (booking.items ?? []).map((item) => ({ name: item.name, sku: item.sku ?? undefined, quantity: item.quantity })),
  }));
}
