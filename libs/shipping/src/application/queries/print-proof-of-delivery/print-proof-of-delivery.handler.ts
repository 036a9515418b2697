import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { courierProfile, courierService } from '@shipcrowd/couriers/contracts';
import { DomainError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { bookingPartyOf } from '../../booking-snapshot';
import { DocumentBranding } from '../../documents/document-branding';
import { partyOf } from '../../documents/label-views';
import { DocumentPrinter } from '../../ports/document-printer.port';
import { loadShipment } from '../../shipment-loading';
import { PrintProofOfDelivery } from './print-proof-of-delivery.query';

/**
 * Proof of delivery of a delivered shipment: the delivery scan (time, place, courier remarks) and the whole timeline.
 * Couriers' APIs here carry no receiver name, signature or photo, so the consignee as booked is shown as the receiver.
 */
@QueryHandler(PrintProofOfDelivery)
export class PrintProofOfDeliveryHandler implements IQueryHandler<PrintProofOfDelivery, Buffer> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    private readonly printer: DocumentPrinter,
    private readonly branding: DocumentBranding,
  ) {}

  async execute({ companyId, shipmentId }: PrintProofOfDelivery): Promise<Buffer> {
    const { shipment, timeline } = await this.uow.run({ companyId }, async (tx) => {
      const loaded = await loadShipment(this.store, tx, shipmentId);
      return { shipment: loaded.state, timeline: await this.store.timeline(tx, shipmentId) };
    });
    const delivery = [...timeline].reverse().find((scan) => scan.status === 'delivered');
    if (shipment.status !== 'delivered' || !delivery) {
      throw new DomainError('shipment.not_delivered', `Shipment ${shipment.awb ?? shipment.reference} is ${shipment.status}; a proof of delivery exists once it is delivered.`, 'conflict', { shipmentStatus: shipment.status });
    }
    const consignee = bookingPartyOf(shipment.booking, 'consignee');
    return this.printer.proofOfDelivery({
      branding: await this.branding.of(companyId),
      courier: { name: courierProfile(shipment.courier)?.name ?? shipment.courier, service: courierService(shipment.courier, shipment.service)?.name },
      awb: shipment.awb!,
      orderNumber: shipment.orderNumber,
      consignee: partyOf(consignee),
      deliveredAt: delivery.occurredAt,
      receivedBy: { name: consignee.name, relation: 'consignee as booked' },
      deliveryLocation: delivery.location ?? undefined,
      paymentMode: shipment.paymentMode,
      codCollectedPaise: shipment.paymentMode === 'cod' ? shipment.codAmountPaise : undefined,
      timeline: timeline.map((scan) => ({ at: scan.occurredAt, status: scan.status, location: scan.location ?? undefined, remark: scan.rawStatus })),
    });
  }
}
