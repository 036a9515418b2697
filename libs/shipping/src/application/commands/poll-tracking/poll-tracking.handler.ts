import { Inject, Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { COURIERS_FACADE, CouriersFacade, CourierCode } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { RecordTracking, RecordTrackingResult } from '../record-tracking/record-tracking.command';
import { PollTracking, PollTrackingResult } from './poll-tracking.command';

const BATCH = 50;

/**
 * The tracking poll: due shipments grouped by company and courier, pulled in batches of 50 AWBs. The cadence is the
 * shipment's (sooner near delivery, none after a terminal status); a courier that fails pushes its shipments' next
 * poll back exponentially instead of hammering it.
 */
@CommandHandler(PollTracking)
export class PollTrackingHandler implements ICommandHandler<PollTracking, PollTrackingResult> {
  private readonly logger = new Logger('tracking');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    private readonly commands: CommandBus,
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ limit }: PollTracking): Promise<PollTrackingResult> {
    const due = await this.uow.run({ system: true }, (tx) => this.store.duePolls(tx, this.clock.now(), limit));
    const groups = new Map<string, typeof due>();
    for (const row of due) groups.set(`${row.companyId}|${row.courier}`, [...(groups.get(`${row.companyId}|${row.courier}`) ?? []), row]);
    const result: PollTrackingResult = { polled: due.length, recorded: 0, failedBatches: 0 };
    for (const rows of groups.values()) {
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        const { companyId, courier } = batch[0];
        try {
          const scans = await this.couriers.track(companyId, courier as CourierCode, batch.map((r) => r.awb));
          const recorded: RecordTrackingResult = await this.commands.execute(new RecordTracking(courier, [...scans.values()].flat(), 'poll'));
          result.recorded += recorded.recorded;
          const untouched = batch.filter((r) => !scans.has(r.awb));
          await this.reschedule(companyId, untouched.map((r) => r.id), false);
        } catch (error) {
          result.failedBatches++;
          this.logger.warn({ err: error, courier, companyId, shipments: batch.length }, 'tracking poll failed; backing off');
          await this.reschedule(companyId, batch.map((r) => r.id), true);
        }
      }
    }
    return result;
  }

  private async reschedule(companyId: string, ids: string[], failed: boolean): Promise<void> {
    if (!ids.length) return;
    await this.uow.run({ companyId }, async (tx) => {
      const now = this.clock.now();
      for (const id of ids) {
        const shipment = await this.store.load(tx, id);
        if (!shipment) continue;
        shipment.schedulePoll(now, failed);
        await this.store.save(tx, shipment);
      }
    });
  }
}
