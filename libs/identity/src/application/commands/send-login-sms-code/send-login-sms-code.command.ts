import { Command } from '@nestjs/cqrs';
import type { ClientInfo } from '../../services/client-info';

export class SendLoginSmsCode extends Command<void> {
  constructor(
    readonly input: { email: string; password: string; captchaToken?: string },
    readonly client: ClientInfo,
  ) {
    super();
  }
}
