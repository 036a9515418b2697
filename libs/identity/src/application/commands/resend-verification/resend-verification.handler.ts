import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, UserRepository } from '../../../domain';
import { EmailTokens } from '../../services/email-tokens';
import { IdentityMails } from '../../services/identity-mails';
import { ResendVerification } from './resend-verification.command';

@CommandHandler(ResendVerification)
export class ResendVerificationHandler implements ICommandHandler<ResendVerification, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly emailTokens: EmailTokens,
    private readonly mails: IdentityMails,
  ) {}

  async execute({ userId }: ResendVerification): Promise<void> {
    const { user, token } = await this.uow.run({ userId }, async () => {
      const user = await this.users.findById(userId);
      if (!user) throw IdentityErrors.userNotFound();
      if (user.emailVerified) throw IdentityErrors.emailAlreadyVerified();
      return { user, token: await this.emailTokens.issue(user.id, 'verify_email', user.email) };
    });
    await this.mails.verifyEmail(user.email, user.name, token);
  }
}
