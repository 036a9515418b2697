import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@shipcrowd/kernel';
import { SecondFactorService } from '../../../second-factor';
import { CredentialCheck } from '../../services/credential-check';
import { SendLoginSmsCode } from './send-login-sms-code.command';

/** Step one of an SMS second factor: the password must be right before a code is texted. */
@CommandHandler(SendLoginSmsCode)
export class SendLoginSmsCodeHandler implements ICommandHandler<SendLoginSmsCode, void> {
  constructor(
    private readonly credentials: CredentialCheck,
    private readonly secondFactor: SecondFactorService,
  ) {}

  async execute({ input, client }: SendLoginSmsCode): Promise<void> {
    const user = await this.credentials.verify(input.email, input.password, input.captchaToken, client);
    const methods = await this.secondFactor.methodsFor(user.id);
    if (!methods.includes('sms')) throw new DomainError('auth.sms_not_enrolled', 'SMS sign-in codes are not set up for this account.', 'conflict');
    await this.secondFactor.sendLoginSmsCode(user.id);
  }
}
