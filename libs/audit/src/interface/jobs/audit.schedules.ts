import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Gauge } from 'prom-client';
import { Metrics, Scheduled } from '@shipcrowd/platform';
import { AUDIT_TRAIL, AuditTrail } from '../../../contracts';
import type { VerificationReport } from '../../application/audit-chain-verifier';
import { VerifyAuditChainsQuery } from '../../application/queries/verify-audit-chains/verify-audit-chains.query';

/** Daily re-verification of every chain; a break is logged, counted in a gauge and written to the platform chain. */
@Injectable()
export class AuditSchedules {
  private readonly logger = new Logger('audit');
  private readonly brokenChains: Gauge<string>;

  constructor(
    private readonly queryBus: QueryBus,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    metrics: Metrics,
  ) {
    const existing = metrics.registry.getSingleMetric('audit_chains_broken') as Gauge<string> | undefined;
    this.brokenChains = existing ?? new Gauge({ name: 'audit_chains_broken', help: 'Audit hash chains that failed the last verification (alert when > 0)', registers: [metrics.registry] });
  }

  @Scheduled({ name: 'audit.verify-chains', cron: '0 30 21 * * *' })
  async verifyChains(): Promise<VerificationReport> {
    const report = await this.queryBus.execute<VerifyAuditChainsQuery, VerificationReport>(new VerifyAuditChainsQuery());
    const broken = report.chains.filter((c) => !c.ok);
    this.brokenChains.set(broken.length);
    if (broken.length === 0) {
      this.logger.log({ msg: 'audit chains verified', chains: report.chains.length, checked: report.checked });
      return report;
    }
    for (const chain of broken) {
      this.logger.error({ msg: 'AUDIT LOG TAMPERING DETECTED', chain: chain.companyId ?? 'platform', brokenAt: chain.brokenAt }, 'audit');
      await this.audit.record({
        action: 'audit.chain_broken',
        companyId: null,
        actorUserId: null,
        actorType: 'system',
        targetType: 'audit_chain',
        targetId: chain.companyId ?? 'platform',
        metadata: { ...chain.brokenAt, checked: chain.checked },
      });
    }
    return report;
  }
}
