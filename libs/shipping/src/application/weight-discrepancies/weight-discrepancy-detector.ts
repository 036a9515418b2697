import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, newId } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, Tx, UnitOfWork } from '@shipcrowd/platform';
import type { Shipment, ShipmentScan } from '../../domain/shipment';
import { WeightDiscrepancy, WeightReading } from '../../domain/weight-discrepancy';
import { WeightDiscrepanciesStore } from '../../infrastructure/persistence/weight-discrepancies.store';

/** The courier's latest weight reading among these scans (by event time), if any scan carries one. */
export function latestWeightReading(scans: readonly ShipmentScan[]): WeightReading | null {
  let latest: WeightReading | null = null;
  for (const scan of scans) {
    if (!scan.chargedWeightGrams || scan.chargedWeightGrams <= 0) continue;
    if (latest && scan.occurredAt.getTime() < latest.reportedAt.getTime()) continue;
    latest = { chargedWeightGrams: scan.chargedWeightGrams, reportedAt: scan.occurredAt };
  }
  return latest;
}

/**
 * Opens a weight discrepancy when a courier's scan reports a weight beyond the tolerance, or updates the open one with a
 * later reading. Runs inside the transaction that stored the scans, so the case and its outbox event commit with them.
 */
@Injectable()
export class WeightDiscrepancyDetector {
  private readonly windowDays: number;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: WeightDiscrepanciesStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.windowDays = config.WEIGHT_DISPUTE_WINDOW_DAYS;
  }

  async detect(tx: Tx, shipment: Shipment, freshScans: readonly ShipmentScan[]): Promise<void> {
    const reading = latestWeightReading(freshScans);
    if (!reading) return;
    const now = this.clock.now();
    const existing = await this.store.forShipment(tx, shipment.id);
    if (existing) {
      if (!existing.courierReweighed(reading, shipment.state.charges, now)) return;
      await this.store.save(tx, existing);
      await this.uow.publish(existing.pullEvents());
      return;
    }
    const opened = WeightDiscrepancy.detect(newId(), shipment.state, reading, now, this.windowDays);
    if (!opened) return;
    await this.store.insert(tx, opened);
    await this.uow.publish(opened.pullEvents());
  }
}
