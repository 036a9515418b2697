import { Command } from '@nestjs/cqrs';

export class ConfirmEmailChange extends Command<{ email: string }> {
  constructor(readonly token: string) {
    super();
  }
}
