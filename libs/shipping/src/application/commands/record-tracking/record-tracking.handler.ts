import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { TrackingEvent } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { ORDERS_FACADE, OrdersFacade } from '@shipcrowd/orders/contracts';
import { UnitOfWork } from '@shipcrowd/platform';
import { orderStatusFor } from '../../../domain/shipment';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { WeightDiscrepancyDetector } from '../../weight-discrepancies/weight-discrepancy-detector';
import { RecordTracking, RecordTrackingResult } from './record-tracking.command';

/**
 * Stores scans (deduplicated by shipment, AWB, raw code and event time), moves each shipment's status by event time
 * (an older scan arriving late never regresses it), reschedules its next poll and moves the order on, one transaction
 * per shipment in its company's scope.
 */
@CommandHandler(RecordTracking)
export class RecordTrackingHandler implements ICommandHandler<RecordTracking, RecordTrackingResult> {
  private readonly logger = new Logger('tracking');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    @Inject(ORDERS_FACADE) private readonly orders: OrdersFacade,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly discrepancies: WeightDiscrepancyDetector,
  ) {}

  async execute({ courier, events, source, companyId: onlyCompany }: RecordTracking): Promise<RecordTrackingResult> {
    const byAwb = new Map<string, TrackingEvent[]>();
    for (const event of events) byAwb.set(event.awb, [...(byAwb.get(event.awb) ?? []), event]);
    // Scans limited to one company are looked up in its scope (row-level security), and filtered again here.
    const located = (await this.uow.run(onlyCompany ? { companyId: onlyCompany } : { system: true }, (tx) => this.store.locate(tx, courier, [...byAwb.keys()]))).filter(
      (l) => !onlyCompany || l.companyId === onlyCompany,
    );
    const result: RecordTrackingResult = { recorded: 0, duplicates: 0, statusChanges: 0, unknownAwbs: [...byAwb.keys()].filter((awb) => !located.some((l) => l.awb === awb)) };
    if (result.unknownAwbs.length) this.logger.warn({ courier, companyId: onlyCompany, awbs: result.unknownAwbs.slice(0, 20) }, onlyCompany ? "scans for AWBs none of the account's company's shipments carries" : 'scans for AWBs no shipment carries');

    for (const { id, companyId, awb } of located) {
      const scans = byAwb.get(awb) ?? [];
      await this.uow.run({ companyId }, async (tx) => {
        const shipment = await this.store.load(tx, id);
        if (!shipment) return;
        const now = this.clock.now();
        const fresh = await this.store.addScans(tx, shipment, scans, source, now);
        await this.discrepancies.detect(tx, shipment, fresh);
        result.recorded += fresh.length;
        result.duplicates += scans.length - fresh.length;
        const changed = shipment.applyScans(fresh, now);
        if (source === 'poll') shipment.schedulePoll(now, false);
        else if (shipment.isTerminal) shipment.schedulePoll(now, false);
        if (!changed && source !== 'poll' && !shipment.isTerminal) return;
        await this.store.save(tx, shipment);
        await this.uow.publish(shipment.pullEvents());
        const orderStatus = orderStatusFor(shipment.state.status);
        if (changed && orderStatus) {
          result.statusChanges++;
          await this.orders.recordShipmentProgress(companyId, shipment.state.orderId, { status: orderStatus, awb: shipment.state.awb, reason: `${courier} scan: ${shipment.state.status}` });
        }
      });
    }
    return result;
  }
}
