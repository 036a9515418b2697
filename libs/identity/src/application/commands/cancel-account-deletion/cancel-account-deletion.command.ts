import { Command } from '@nestjs/cqrs';

export class CancelAccountDeletion extends Command<void> {
  constructor(readonly userId: string) {
    super();
  }
}
