import { Command } from '@nestjs/cqrs';

/** Makes a user Shipcrowd staff (seed script / operator CLI only; there is no HTTP route). */
export class GrantPlatformAdmin extends Command<{ userId: string }> {
  constructor(readonly email: string) {
    super();
  }
}
