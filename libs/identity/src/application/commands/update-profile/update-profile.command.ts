import { Command } from '@nestjs/cqrs';

export class UpdateProfile extends Command<void> {
  constructor(
    readonly userId: string,
    readonly changes: { name?: string; phone?: string },
  ) {
    super();
  }
}
