import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuditChainVerifier, VerificationReport } from '../../audit-chain-verifier';
import { VerifyAuditChainsQuery } from './verify-audit-chains.query';

@QueryHandler(VerifyAuditChainsQuery)
export class VerifyAuditChainsHandler implements IQueryHandler<VerifyAuditChainsQuery, VerificationReport> {
  constructor(private readonly verifier: AuditChainVerifier) {}

  execute(query: VerifyAuditChainsQuery): Promise<VerificationReport> {
    return this.verifier.verify(query.chain);
  }
}
