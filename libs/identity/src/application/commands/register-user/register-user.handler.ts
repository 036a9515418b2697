import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { COMPANIES_FACADE, CompaniesFacade } from '@shipcrowd/companies/contracts';
import { Clock, CLOCK, DomainError, newId } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { assertAcceptablePassword, IdentityErrors, normaliseEmail, normaliseIndianMobile, User, UserRepository } from '../../../domain';
import { PasswordHasher } from '../../ports';
import { CaptchaGate } from '../../services/captcha-gate';
import { EmailTokens } from '../../services/email-tokens';
import { IdentityAudit } from '../../services/identity-audit';
import { IdentityMails } from '../../services/identity-mails';
import { SessionTokens } from '../../services/session-tokens';
import { isUniqueViolation, toUserResponse } from '../../services/user-view';
import { RegisterUser, RegisterUserResult } from './register-user.command';

/**
 * Sign-up: the user and their company (or the accepted invitation's membership) are created in ONE
 * unit of work, so a failure on either side leaves nothing behind. Then a session is started and the
 * verification email goes out.
 */
@CommandHandler(RegisterUser)
export class RegisterUserHandler implements ICommandHandler<RegisterUser, RegisterUserResult> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly captcha: CaptchaGate,
    private readonly emailTokens: EmailTokens,
    private readonly sessionTokens: SessionTokens,
    private readonly mails: IdentityMails,
    private readonly audit: IdentityAudit,
    @Inject(COMPANIES_FACADE) private readonly companies: CompaniesFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, client }: RegisterUser): Promise<RegisterUserResult> {
    await this.captcha.check(input.captchaToken, client.ip);
    const email = normaliseEmail(input.email);
    const name = input.name.trim();
    const phone = normaliseIndianMobile(input.phone);
    if (!phone) throw IdentityErrors.invalidPhone();
    const companyName = input.companyName?.trim();
    if (!input.invitationToken && !companyName) {
      throw new DomainError('validation.failed', 'companyName: is required unless you accept an invitation', 'validation', { errors: [{ field: 'companyName', message: 'is required unless you accept an invitation', code: 'isNotEmpty' }] });
    }
    assertAcceptablePassword(input.password, { email, name });
    const passwordHash = await this.hasher.hash(input.password);
    const now = this.clock.now();
    const user = User.register({ id: newId(), email, name, passwordHash, phone, now });

    const { companyId, verifyToken } = await this.uow
      .run({ userId: user.id }, async () => {
        if (await this.users.findByEmail(email)) throw IdentityErrors.emailTaken();
        const { companyId } = input.invitationToken
          ? await this.companies.acceptInvitation({ token: input.invitationToken, userId: user.id, email, name: user.name })
          : await this.companies.createCompanyWithOwner({ ownerUserId: user.id, ownerEmail: email, ownerName: name, companyName: companyName!, phone });
        user.switchedTo(companyId, now);
        await this.users.add(user);
        const verifyToken = await this.emailTokens.issue(user.id, 'verify_email', email);
        await this.audit.record({ action: 'auth.registered', companyId, actorUserId: user.id, targetId: user.id, metadata: { via: input.invitationToken ? 'invitation' : 'sign_up' } });
        return { companyId, verifyToken };
      })
      .catch((error) => {
        throw isUniqueViolation(error) ? IdentityErrors.emailTaken() : error;
      });

    await this.mails.verifyEmail(email, name, verifyToken);
    const company = await this.sessionTokens.membership(user.id, companyId);
    const { tokens } = await this.uow.run({ userId: user.id }, () => this.sessionTokens.startSession(user, company, client));
    return { user: toUserResponse(user), companyId, ...tokens };
  }
}
