import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, normaliseEmail, UserRepository } from '../../../domain';
import { PasswordHasher } from '../../ports';
import { EmailTokens } from '../../services/email-tokens';
import { IdentityAudit } from '../../services/identity-audit';
import { IdentityMails } from '../../services/identity-mails';
import { RequestEmailChange } from './request-email-change.command';

/** The new address must prove itself (emailed token); the old one is told. Nothing changes until confirmed. */
@CommandHandler(RequestEmailChange)
export class RequestEmailChangeHandler implements ICommandHandler<RequestEmailChange, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly emailTokens: EmailTokens,
    private readonly mails: IdentityMails,
    private readonly audit: IdentityAudit,
  ) {}

  async execute({ principal, newEmail, password }: RequestEmailChange): Promise<void> {
    const email = normaliseEmail(newEmail);
    const user = await this.uow.run({ userId: principal.userId }, () => this.users.findById(principal.userId));
    if (!user) throw IdentityErrors.userNotFound();
    if (!user.passwordHash || !(await this.hasher.verify(user.passwordHash, password))) throw IdentityErrors.wrongPassword('password');
    const token = await this.uow.run({ userId: user.id, companyId: principal.companyId }, async () => {
      if (email === user.email || (await this.users.findByEmail(email))) throw IdentityErrors.emailTaken();
      const token = await this.emailTokens.issue(user.id, 'email_change', email);
      await this.audit.record({ action: 'auth.email_change_requested', companyId: principal.companyId, actorUserId: user.id, targetId: user.id, metadata: { newEmail: email } });
      return token;
    });
    await this.mails.emailChange(email, user.name, token);
    await this.mails.emailChangeRequested(user.email, user.name, email);
  }
}
