import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { courierProfile, type BookingItem, type BookingRequest, type PartyAddress } from '@shipcrowd/couriers/contracts';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { DomainError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { WAREHOUSES_FACADE, WarehousesFacade } from '@shipcrowd/warehouses/contracts';
import type { GstState, InvoiceLine } from '../../../infrastructure/documents';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { bookingPartyOf } from '../../booking-snapshot';
import { DocumentBranding } from '../../documents/document-branding';
import { partyOf } from '../../documents/label-views';
import { DocumentPrinter } from '../../ports/document-printer.port';
import { loadShipment } from '../../shipment-loading';
import { PrintCommercialInvoice } from './print-commercial-invoice.query';

/** No goods left the warehouse in these, so there is nothing to invoice. */
const NOT_SHIPPED = new Set(['booking', 'booking_failed', 'cancelled']);

/**
 * The tax invoice that travels with a B2B shipment, from the booking as sent: the order's invoice number and date, the
 * items with HSN and GST rate, the buyer's GSTIN. The seller is the pickup warehouse's GST registration (its GSTIN and
 * state) under the company's name; the place of supply is the state of the delivery pincode. Same state: CGST + SGST,
 * else IGST (split in `invoiceAmounts`). An item without a recorded GST rate (none on the order, or booked before rates
 * were carried) prints as "not recorded" with no tax rather than a guessed one.
 */
@QueryHandler(PrintCommercialInvoice)
export class PrintCommercialInvoiceHandler implements IQueryHandler<PrintCommercialInvoice, Buffer> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    private readonly printer: DocumentPrinter,
    private readonly branding: DocumentBranding,
    @Inject(WAREHOUSES_FACADE) private readonly warehouses: WarehousesFacade,
    @Inject(GEO_FACADE) private readonly geo: GeoFacade,
  ) {}

  async execute({ companyId, shipmentId }: PrintCommercialInvoice): Promise<Buffer> {
    const shipment = await this.uow.run({ companyId }, async (tx) => (await loadShipment(this.store, tx, shipmentId)).state);
    const booking = shipment.booking as Partial<BookingRequest>;
    const label = shipment.awb ?? shipment.reference;
    if (!booking.b2b) throw new DomainError('shipment.not_b2b', `Shipment ${label} is not a B2B shipment; a commercial invoice is printed for B2B orders only.`, 'rule', { shipmentId });
    if (NOT_SHIPPED.has(shipment.status) || !shipment.awb) {
      throw new DomainError('invoice.not_printable', `Shipment ${label} is ${shipment.status}; a commercial invoice is printed once it is booked.`, 'conflict', { shipmentStatus: shipment.status });
    }
    const warehouse = await this.warehouses.get(companyId, shipment.warehouseId);
    if (!warehouse?.gstin) {
      throw new DomainError('invoice.seller_gstin_missing', `The pickup warehouse ${warehouse?.code ?? shipment.warehouseId} has no GSTIN; add the GSTIN registered at that location to print a tax invoice.`, 'rule', { warehouseId: shipment.warehouseId });
    }
    const branding = await this.branding.of(companyId);
    const pickup = bookingPartyOf(shipment.booking, 'pickup');
    const consignee = bookingPartyOf(shipment.booking, 'consignee');
    const buyerState = await this.gstStateOf(consignee);
    return this.printer.commercialInvoice({
      branding,
      invoiceNumber: booking.b2b.invoiceNumber,
      invoiceDate: booking.b2b.invoiceDate ? new Date(`${booking.b2b.invoiceDate}T00:00:00+05:30`) : undefined,
      seller: { ...partyOf(pickup), name: branding.companyName, gstin: warehouse.gstin, state: { code: warehouse.gstStateCode, name: warehouse.state } },
      buyer: { ...partyOf(consignee), state: buyerState },
      placeOfSupply: buyerState,
      orderNumber: shipment.orderNumber,
      awb: shipment.awb,
      courierName: courierProfile(shipment.courier)?.name ?? shipment.courier,
      lines: (booking.items ?? []).map(invoiceLineOf),
      notes: booking.b2b.ewaybillNumber ? `E-way bill: ${booking.b2b.ewaybillNumber}` : undefined,
    });
  }

  /** The GST state of the delivery pincode; the buyer's GSTIN state when the directory does not know the pincode. */
  private async gstStateOf(party: PartyAddress): Promise<GstState> {
    const pincode = await this.geo.pincode(party.pincode);
    if (pincode) return { code: pincode.gstStateCode, name: pincode.state };
    return { code: party.gstin?.slice(0, 2) ?? '', name: party.state };
  }
}

function invoiceLineOf(item: BookingItem): InvoiceLine {
  return {
    description: item.sku ? `${item.name} (${item.sku})` : item.name,
    hsn: item.hsnCode ?? undefined,
    quantity: item.quantity,
    unitPricePaise: item.unitPricePaise,
    discountPaise: item.discountPaise ?? undefined,
    gstRatePercent: item.taxRatePercent ?? null,
  };
}
