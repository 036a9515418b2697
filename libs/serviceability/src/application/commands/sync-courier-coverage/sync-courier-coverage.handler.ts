import { Inject, Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { DomainError, domainEvent, newId } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { SERVICEABILITY_EVENTS } from '../../../../contracts';
import { diffCoverage } from '../../../domain/coverage-diff';
import { CoverageStore } from '../../../infrastructure/persistence/coverage-store';
import { ServiceabilityRecords, SyncRunRecord } from '../../../infrastructure/persistence/serviceability-records';
import { isKnownCourier } from '../../catalogue';
import { CoverageRevision } from '../../ports/coverage-revision.port';
import { PINCODE_LIST_SOURCES, PincodeListSource } from '../../ports/pincode-list-source.port';
import { SyncAllCourierCoverage, SyncCourierCoverage } from './sync-courier-coverage.command';

/**
 * Delta sync: fetch the courier's list (adapter: timeout + retries), diff it against stored coverage of that
 * courier's listed services, and apply only the changes in one transaction (with the coverage_changed event);
 * the revision moves after the commit. A failed fetch records a failed run and changes nothing.
 */
@CommandHandler(SyncCourierCoverage)
export class SyncCourierCoverageHandler implements ICommandHandler<SyncCourierCoverage, SyncRunRecord> {
  private readonly logger = new Logger('serviceability');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CoverageStore,
    private readonly records: ServiceabilityRecords,
    private readonly revisions: CoverageRevision,
    @Inject(PINCODE_LIST_SOURCES) private readonly sources: PincodeListSource[],
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async execute({ courier, trigger, requestedBy }: SyncCourierCoverage): Promise<SyncRunRecord> {
    const source = this.sources.find((s) => s.courier === courier);
    if (!source) {
      const known = isKnownCourier(courier);
      throw new DomainError(
        known ? 'serviceability.sync_unsupported' : 'serviceability.unknown_courier',
        known ? `${courier} publishes no pincode list to sync; upload its coverage as CSV` : `Unknown courier '${courier}'`,
        'validation',
        { errors: [{ field: 'courier', message: known ? 'has no pincode list to sync' : 'is not a catalogue courier', code: known ? 'serviceability.sync_unsupported' : 'serviceability.unknown_courier' }], syncable: this.sources.map((s) => s.courier) },
      );
    }
    const id = newId();
    const system = <T>(work: () => Promise<T>) => this.uow.run({ system: true, userId: requestedBy }, work);
    await system(async () => {
      await this.records.insertSyncRun({ id, courier, trigger, status: 'running', requestedBy, startedAt: new Date() });
      if (requestedBy) await this.audit.record({ action: 'serviceability.sync_requested', companyId: null, actorUserId: requestedBy, actorType: 'platform_admin', targetType: 'sync_run', targetId: id, metadata: { courier } });
    });
    let incoming;
    try {
      incoming = await source.fetchCoverage();
    } catch (error) {
      const message = (error as Error).message;
      this.logger.warn({ msg: 'courier coverage sync failed', courier, runId: id, error: message });
      await system(() => this.records.updateSyncRun(id, { status: 'failed', error: message, finishedAt: new Date() }));
      return (await system(() => this.records.syncRun(id)))!;
    }
    const now = new Date();
    const diff = await system(async () => {
      const current = await this.store.coverageOf(courier, source.services);
      const changes = diffCoverage(current, incoming);
      await this.store.applyDiff(changes, 'sync', now);
      await this.records.updateSyncRun(id, { status: 'completed', fetched: incoming.length, added: changes.added, updated: changes.updated, removed: changes.removed, finishedAt: now });
      if (changes.upserts.length || changes.removals.length) {
        await this.uow.publish([domainEvent(SERVICEABILITY_EVENTS.coverageChanged, id, null, { source: 'sync', syncRunId: id, courier, services: source.services, added: changes.added, updated: changes.updated, removed: changes.removed })]);
      }
      return changes;
    });
    if (diff.upserts.length || diff.removals.length) await this.revisions.bump();
    this.logger.log({ msg: 'courier coverage synced', courier, runId: id, fetched: incoming.length, added: diff.added, updated: diff.updated, removed: diff.removed });
    return (await system(() => this.records.syncRun(id)))!;
  }
}

@CommandHandler(SyncAllCourierCoverage)
export class SyncAllCourierCoverageHandler implements ICommandHandler<SyncAllCourierCoverage, SyncRunRecord[]> {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PINCODE_LIST_SOURCES) private readonly sources: PincodeListSource[],
  ) {}

  async execute({ trigger }: SyncAllCourierCoverage): Promise<SyncRunRecord[]> {
    const runs: SyncRunRecord[] = [];
    for (const source of this.sources) runs.push(await this.commands.execute(new SyncCourierCoverage(source.courier, trigger)));
    return runs;
  }
}
