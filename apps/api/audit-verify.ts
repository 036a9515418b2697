import 'reflect-metadata';
import 'dotenv/config';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { AuditModule, VerificationReport, VerifyAuditChainsQuery } from '@shipcrowd/audit';
import { loadConfig, PlatformModule, PlatformOptions } from '@shipcrowd/platform';

/**
 * `npm run audit:verify`: recomputes every audit hash chain (each company's and the platform's), prints one
 * line per chain and exits 1 if any chain was tampered with (2 if the check itself could not run).
 */
export async function verifyAuditChains(out: (line: string) => void, options: PlatformOptions = {}): Promise<VerificationReport> {
  @Module({ imports: [PlatformModule.forRoot(options), AuditModule] })
  class AuditVerifyRoot {}
  const app = await NestFactory.createApplicationContext(AuditVerifyRoot, { logger: false, abortOnError: false });
  try {
    const report = await app.get(QueryBus).execute<VerifyAuditChainsQuery, VerificationReport>(new VerifyAuditChainsQuery());
    for (const chain of report.chains) {
      const name = chain.companyId ?? 'platform';
      out(chain.ok ? `ok       ${name}  ${chain.checked} entries` : `TAMPERED ${name}  broken at seq ${chain.brokenAt!.seq} (entry ${chain.brokenAt!.id}, ${chain.brokenAt!.reason}) after ${chain.checked - 1} good entries`);
    }
    out(`${report.ok ? 'all chains intact' : 'TAMPERING DETECTED'}: ${report.chains.length} chains, ${report.checked} entries checked`);
    return report;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  loadConfig();
  verifyAuditChains((line) => process.stdout.write(`${line}\n`)).then(
    (report) => process.exit(report.ok ? 0 : 1),
    (error: Error) => {
      process.stderr.write(`audit:verify failed: ${error.message}\n`);
      process.exit(2);
    },
  );
}
