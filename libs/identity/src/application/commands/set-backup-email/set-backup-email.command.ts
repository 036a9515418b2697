import { Command } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';

export class SetBackupEmail extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly email: string,
  ) {
    super();
  }
}
