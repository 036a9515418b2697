import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SecondFactorService } from '../../../second-factor';
import { IdentityErrors, normaliseEmail } from '../../../domain';
import { CredentialCheck } from '../../services/credential-check';
import { SignIn } from '../../services/sign-in';
import { toUserResponse } from '../../services/user-view';
import { LogIn, LogInResult } from './log-in.command';

@CommandHandler(LogIn)
export class LogInHandler implements ICommandHandler<LogIn, LogInResult> {
  constructor(
    private readonly credentials: CredentialCheck,
    private readonly secondFactor: SecondFactorService,
    private readonly signIn: SignIn,
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

    const { company, tokens } = await this.signIn.start(user, client, { action: 'auth.login_succeeded', metadata: { secondFactor: methods.length > 0 } }, { alertNewDevice: true });
    return { user: toUserResponse(user), companyId: company?.companyId ?? null, ...tokens };
  }
}
