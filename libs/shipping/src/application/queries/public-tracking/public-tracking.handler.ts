import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { asc, eq } from 'drizzle-orm';
import { courierProfile } from '@shipcrowd/couriers/contracts';
import { NotFoundError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { shipmentEvents, shipments } from '../../../infrastructure/persistence/shipping.schema';
import { GetPublicTracking } from './public-tracking.query';

/** What a buyer may see without signing in: no names, phones, addresses or money — status, places and times. */
export interface PublicTracking {
  awb: string;
  courier: string;
  courierName: string;
  status: string;
  statusAt: Date;
  expectedDeliveryDate: string | null;
  destinationCity: string | null;
  companyId: string;
  timeline: { status: string; description: string; location: string | null; occurredAt: Date }[];
}

@QueryHandler(GetPublicTracking)
export class GetPublicTrackingHandler implements IQueryHandler<GetPublicTracking, PublicTracking> {
  constructor(private readonly uow: UnitOfWork) {}

  execute({ awb }: GetPublicTracking): Promise<PublicTracking> {
    const wanted = awb.trim().toUpperCase();
    return this.uow.run({ system: true }, async (tx) => {
      const [row] = await tx.select().from(shipments).where(eq(shipments.awb, wanted)).limit(1);
      if (!row || row.status === 'booking' || row.status === 'booking_failed') throw new NotFoundError('Tracking for AWB', wanted);
      const scans = await tx
        .select({ status: shipmentEvents.status, rawStatus: shipmentEvents.rawStatus, location: shipmentEvents.location, occurredAt: shipmentEvents.occurredAt })
        .from(shipmentEvents)
        .where(eq(shipmentEvents.shipmentId, row.id))
        .orderBy(asc(shipmentEvents.occurredAt));
      const consignee = (row.booking as { consignee?: { city?: string } }).consignee;
      return {
        awb: wanted,
        courier: row.courier,
        courierName: courierProfile(row.courier)?.name ?? row.courier,
        status: row.status,
        statusAt: row.statusAt,
        expectedDeliveryDate: row.expectedDeliveryDate,
        destinationCity: consignee?.city ?? null,
        companyId: row.companyId,
        timeline: scans.map((s) => ({ status: s.status, description: s.rawStatus, location: s.location, occurredAt: s.occurredAt })),
      };
    });
  }
}
