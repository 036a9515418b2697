import { Command } from '@nestjs/cqrs';
import type { ClientInfo } from '../../services/client-info';
import type { TokenPair } from '../../services/session-tokens';
import type { UserResponse } from '../../services/user-view';

export type LogInResult = TokenPair & { user: UserResponse; companyId: string | null };

export class LogIn extends Command<LogInResult> {
  constructor(
    readonly input: { email: string; password: string; totp?: string; captchaToken?: string },
    readonly client: ClientInfo,
  ) {
    super();
  }
}
