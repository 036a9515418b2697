import { Command } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';

export class RequestEmailChange extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly newEmail: string,
    readonly password: string,
  ) {
    super();
  }
}
