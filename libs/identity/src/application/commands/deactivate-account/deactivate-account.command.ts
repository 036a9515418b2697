import { Command } from '@nestjs/cqrs';

export class DeactivateAccount extends Command<void> {
  constructor(
    readonly userId: string,
    readonly reason: string,
    readonly actorUserId: string,
  ) {
    super();
  }
}
