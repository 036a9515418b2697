import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AUDIT_TRAIL, AuditTrail } from '@shipcrowd/audit/contracts';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { WeightDiscrepancyChanges } from '../../weight-discrepancies/weight-discrepancy-changes';
import type { WeightDiscrepancyView } from '../../weight-discrepancies/weight-discrepancy-views';
import { ResolveWeightDiscrepancy } from './resolve-weight-discrepancy.command';

/** Runs in system scope (staff act across companies); the decision is audited in the seller's company log. */
@CommandHandler(ResolveWeightDiscrepancy)
export class ResolveWeightDiscrepancyHandler implements ICommandHandler<ResolveWeightDiscrepancy, WeightDiscrepancyView> {
  constructor(
    private readonly changes: WeightDiscrepancyChanges,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ adminUserId, discrepancyId, outcome, note }: ResolveWeightDiscrepancy): Promise<WeightDiscrepancyView> {
    return this.changes.apply({ system: true, userId: adminUserId }, discrepancyId, async (discrepancy) => {
      discrepancy.resolve(outcome, note, adminUserId, this.clock.now());
      const { companyId, id, status, chargedWeightGrams, extraChargePaise, resolutionNote } = discrepancy.state;
      await this.audit.record({
        action: 'shipping.weight_discrepancy_resolved',
        companyId,
        actorUserId: adminUserId,
        actorType: 'platform_admin',
        targetType: 'weight_discrepancy',
        targetId: id,
        before: { status: 'disputed' },
        after: { status, note: resolutionNote },
        metadata: { outcome, chargedWeightGrams, extraChargePaise },
      });
    });
  }
}
