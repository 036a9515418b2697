import { Command } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';

export class RevokeApiKey extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly apiKeyId: string,
  ) {
    super();
  }
}
