import { Command } from '@nestjs/cqrs';

export class ScheduleAccountDeletion extends Command<{ deleteAfter: string }> {
  constructor(
    readonly userId: string,
    readonly password: string,
  ) {
    super();
  }
}
