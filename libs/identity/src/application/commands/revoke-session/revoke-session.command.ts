import { Command } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';

export class RevokeSession extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly sessionId: string,
  ) {
    super();
  }
}
