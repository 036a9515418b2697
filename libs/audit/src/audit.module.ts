import { Global, Module } from '@nestjs/common';
import { AUDIT_TRAIL } from '../contracts';
import { AuditChainVerifier } from './application/audit-chain-verifier';
import { AuditTrailService } from './application/audit-trail.service';
import { ListAuditEntriesHandler, StreamAuditEntriesHandler } from './application/queries/list-audit-entries/list-audit-entries.handler';
import { VerifyAuditChainsHandler } from './application/queries/verify-audit-chains/verify-audit-chains.handler';
import { AuditLogRepository } from './domain/audit-log.repository';
import { DrizzleAuditLogRepository } from './infrastructure/persistence/drizzle-audit-log.repository';
import { AdminAuditLogController, AuditLogController } from './interface/http/audit-log.controllers';
import { AuditSchedules } from './interface/jobs/audit.schedules';

/** AUDIT_TRAIL for every context (global), plus the audit queries. Add it wherever contexts record entries. */
@Global()
@Module({
  providers: [
    { provide: AuditLogRepository, useClass: DrizzleAuditLogRepository },
    AuditTrailService,
    { provide: AUDIT_TRAIL, useExisting: AuditTrailService },
    AuditChainVerifier,
    ListAuditEntriesHandler,
    StreamAuditEntriesHandler,
    VerifyAuditChainsHandler,
  ],
  exports: [AUDIT_TRAIL],
})
export class AuditModule {}

/** The API's audit routes. */
@Module({ imports: [AuditModule], controllers: [AuditLogController, AdminAuditLogController] })
export class AuditHttpModule {}

/** The worker's audit schedules (daily chain verification). */
@Module({ imports: [AuditModule], providers: [AuditSchedules] })
export class AuditJobsModule {}
