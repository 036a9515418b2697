import { Command } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';

export class RevokeOtherSessions extends Command<{ revoked: number }> {
  constructor(readonly principal: Principal) {
    super();
  }
}
