import { Command } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';

export class ChangePassword extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly currentPassword: string,
    readonly newPassword: string,
  ) {
    super();
  }
}
