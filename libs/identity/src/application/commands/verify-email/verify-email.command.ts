import { Command } from '@nestjs/cqrs';

/** Confirms the sign-in email or the backup email, whichever the token was sent for. */
export class VerifyEmail extends Command<{ email: string; kind: 'email' | 'backup_email' }> {
  constructor(readonly token: string) {
    super();
  }
}
