import { Command } from '@nestjs/cqrs';

export class ResetPassword extends Command<void> {
  constructor(
    readonly token: string,
    readonly newPassword: string,
  ) {
    super();
  }
}
