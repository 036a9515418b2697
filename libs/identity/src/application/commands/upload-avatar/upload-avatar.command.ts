import { Command } from '@nestjs/cqrs';

export class UploadAvatar extends Command<{ avatarUrl: string }> {
  constructor(
    readonly userId: string,
    readonly bytes: Buffer,
  ) {
    super();
  }
}
