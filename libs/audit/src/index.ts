export { AuditModule, AuditHttpModule, AuditJobsModule } from './audit.module';
/** For the `audit:verify` CLI (apps/api/audit-verify.ts). */
export { VerifyAuditChainsQuery } from './application/queries/verify-audit-chains/verify-audit-chains.query';
export type { VerificationReport, ChainReport } from './application/audit-chain-verifier';
