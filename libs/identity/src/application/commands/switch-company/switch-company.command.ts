import { Command } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';
import type { TokenPair } from '../../services/session-tokens';

export class SwitchCompany extends Command<TokenPair & { companyId: string; role: string; permissions: string[] }> {
  constructor(
    readonly principal: Principal,
    readonly companyId: string,
  ) {
    super();
  }
}
