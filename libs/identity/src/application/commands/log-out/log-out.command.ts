import { Command } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';

export class LogOut extends Command<void> {
  constructor(readonly principal: Principal) {
    super();
  }
}
