import { ScheduleRegistry } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { WorkerModule } from '../../apps/worker/worker.module';

describe('the worker process', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [WorkerModule] });
  });
  afterAll(() => t.close());

  it('declares every product schedule', () => {
    const names = t.get(ScheduleRegistry).list().map((d) => d.name).sort();
    expect(names).toEqual(
      ['audit.verify-chains', 'companies.purge-scheduled-deletions', 'couriers.reseal-credentials', 'identity.purge-deleted-accounts', 'idempotency.prune-expired', 'outbox.prune-published', 'pricing.activate-due-rate-cards', 'serviceability.sync-courier-coverage', 'shipping.auto-accept-weight-discrepancies', 'shipping.poll-tracking', 'shipping.reconcile-stale-bookings'].sort(),
    );
  });

  it('runs the retention schedules through their commands', async () => {
    const registry = t.get(ScheduleRegistry);
    const slot = new Date();
    await expect(registry.get('companies.purge-scheduled-deletions')!.handler(slot)).resolves.toEqual({ purged: [] });
    await expect(registry.get('identity.purge-deleted-accounts')!.handler(slot)).resolves.toEqual({ purged: 0 });
  });

  it('reconciles bookings left in flight every minute', async () => {
    const registry = t.get(ScheduleRegistry);
    expect(registry.get('shipping.reconcile-stale-bookings')!.cron).toBe('0 * * * * *');
    await expect(registry.get('shipping.reconcile-stale-bookings')!.handler(new Date())).resolves.toEqual({ checked: 0, booked: 0, failed: 0, deferred: 0 });
  });
});
