import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@shipcrowd/platform';
import { ChainBreak, ChainVerifier } from '../domain/audit-chain';
import { AuditLogRepository, ChainId } from '../domain/audit-log.repository';

export interface ChainReport {
  companyId: string | null;
  ok: boolean;
  checked: number;
  brokenAt?: ChainBreak;
}

export interface VerificationReport {
  ok: boolean;
  checked: number;
  brokenAt?: ChainBreak & { companyId: string | null };
  chains: ChainReport[];
}

const PAGE = 1000;

/** Recomputes hash chains (system scope, a short transaction per page of entries). */
@Injectable()
export class AuditChainVerifier {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: AuditLogRepository,
  ) {}

  async verifyChain(chain: ChainId): Promise<ChainReport> {
    const verifier = new ChainVerifier();
    let afterSeq = 0;
    for (;;) {
      const entries = await this.uow.run({ system: true }, (tx) => this.repository.chainSlice(tx, chain, afterSeq, PAGE));
      if (!verifier.feed(entries) || entries.length < PAGE) break;
      afterSeq = entries[entries.length - 1].seq;
    }
    return { companyId: chain, ok: !verifier.broken, checked: verifier.checked, ...(verifier.broken ? { brokenAt: verifier.broken } : {}) };
  }

  /** One chain when `chain` is given (null: the platform chain), else every chain in the log. */
  async verify(chain?: ChainId, onChain?: (report: ChainReport) => void): Promise<VerificationReport> {
    const chains = chain !== undefined ? [chain] : await this.uow.run({ system: true }, (tx) => this.repository.chains(tx));
    const reports: ChainReport[] = [];
    for (const id of chains) {
      const report = await this.verifyChain(id);
      onChain?.(report);
      reports.push(report);
    }
    const firstBroken = reports.find((r) => !r.ok);
    return {
      ok: !firstBroken,
      checked: reports.reduce((sum, r) => sum + r.checked, 0),
      ...(firstBroken?.brokenAt ? { brokenAt: { companyId: firstBroken.companyId, ...firstBroken.brokenAt } } : {}),
      chains: reports,
    };
  }
}
