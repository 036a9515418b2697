import type { ChainId } from '../../../domain/audit-log.repository';

/** Verifies one chain (a company's, or null: the platform's) or, with `chain` undefined, every chain. */
export class VerifyAuditChainsQuery {
  constructor(readonly chain?: ChainId) {}
}
