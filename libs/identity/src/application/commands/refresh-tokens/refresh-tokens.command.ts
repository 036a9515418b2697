import { Command } from '@nestjs/cqrs';
import type { ClientInfo } from '../../services/client-info';
import type { TokenPair } from '../../services/session-tokens';

export class RefreshTokens extends Command<TokenPair & { companyId: string | null }> {
  constructor(
    readonly refreshToken: string,
    readonly client: ClientInfo,
  ) {
    super();
  }
}
