import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { SecondFactorService } from '../../../second-factor';
import { IdentityErrors, normaliseEmail, UserRepository } from '../../../domain';
import { CredentialCheck } from '../../services/credential-check';
import { IdentityAudit } from '../../services/identity-audit';
import { IdentityMails } from '../../services/identity-mails';
import { SessionTokens } from '../../services/session-tokens';
import { toUserResponse } from '../../services/user-view';
import { LogIn, LogInResult } from './log-in.command';

@CommandHandler(LogIn)
export class LogInHandler implements ICommandHandler<LogIn, LogInResult> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly credentials: CredentialCheck,
    private readonly secondFactor: SecondFactorService,
    private readonly sessionTokens: SessionTokens,
    private readonly mails: IdentityMails,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, client }: LogIn): Promise<LogInResult> {
    const email = normaliseEmail(input.email);
    const user = await this.credentials.verify(email, input.password, input.captchaToken, client);

    const methods = await this.secondFactor.methodsFor(user.id);
    if (methods.length) {
      // No code yet is the normal first step, not a failure; a wrong code counts like a wrong password.
      if (!input.totp) throw IdentityErrors.secondFactorRequired(methods);
      if (!(await this.secondFactor.verifyLoginCode(user.id, input.totp))) await this.credentials.fail(email, user, 'second_factor', client);
    }
    await this.credentials.succeeded(email);

    const company = await this.sessionTokens.resolveCompany(user.id, user.lastCompanyId);
    const now = this.clock.now();
    const { tokens, session, knownDevice } = await this.uow.run({ userId: user.id, companyId: company?.companyId ?? null }, async () => {
      const started = await this.sessionTokens.startSession(user, company, client);
      if (user.lastCompanyId !== (company?.companyId ?? null)) {
        user.switchedTo(company?.companyId ?? null, now);
        await this.users.save(user);
      }
      await this.audit.record({
        action: 'auth.login_succeeded',
        companyId: company?.companyId ?? null,
        actorUserId: user.id,
        targetId: user.id,
        ip: client.ip,
        userAgent: client.userAgent,
        metadata: { sessionId: started.session.id, secondFactor: methods.length > 0, newDevice: !started.knownDevice },
      });
      return started;
    });
    if (!knownDevice) await this.mails.newDevice(user.email, user.name, session.deviceLabel, session.ip, now);
    return { user: toUserResponse(user), companyId: company?.companyId ?? null, ...tokens };
  }
}
