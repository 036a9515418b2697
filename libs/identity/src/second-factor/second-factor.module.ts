import { Inject, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ResilientHttp, SECRET_BOX, SecretBox } from '@shipcrowd/platform';
import { SiteverifySimulator, TwilioSmsSimulator } from '@shipcrowd/simulators';
import { CaptchaVerifier } from './application/captcha-verifier';
import { RegenerateRecoveryCodesHandler } from './application/commands/regenerate-recovery-codes';
import { ConfirmSmsEnrolmentHandler, RemoveSmsFactorHandler, StartSmsEnrolmentHandler } from './application/commands/sms-enrolment';
import { ConfirmTotpEnrolmentHandler, DisableTotpHandler, StartTotpEnrolmentHandler } from './application/commands/totp-enrolment';
import { SITEVERIFY } from './application/ports/captcha.port';
import { SMS_SENDER } from './application/ports/sms-sender.port';
import { GetSecondFactorStatusHandler } from './application/queries/get-second-factor-status';
import { SecondFactorAudit } from './application/second-factor-audit';
import { SecondFactorCodes } from './application/second-factor-codes';
import { SecondFactorService } from './application/second-factor.service';
import { UserTransactions } from './application/user-transactions';
import { SITEVERIFY_URLS, SiteverifyClient } from './infrastructure/adapters/siteverify-client';
import { TwilioSmsSender } from './infrastructure/adapters/twilio-sms-sender';
import { SecondFactorRepository } from './infrastructure/second-factor.repository';
import { SecondFactorController } from './interface/second-factor.controller';

/** Credentials the SMS simulator expects when SMS_MODE=sandbox and none are configured. */
export const SANDBOX_TWILIO = { accountSid: `AC${'0'.repeat(32)}`, authToken: 'sandbox-auth-token' };

/**
 * Second factors (authenticator app, SMS codes, recovery codes) and CAPTCHA. Other parts of identity
 * use SecondFactorService and CaptchaVerifier. SMS_MODE=sandbox (default) and CAPTCHA_MODE=sandbox start
 * the provider simulators in-process on a free port and point the real adapters at them.
 */
@Module({
  controllers: [SecondFactorController],
  providers: [
    { provide: SECRET_BOX, inject: [APP_CONFIG], useFactory: (config: AppConfig) => SecretBox.fromConfig(config) },
    {
      provide: TwilioSmsSimulator,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        if (config.SMS_MODE !== 'sandbox') return null;
        const simulator = new TwilioSmsSimulator({
          accountSid: config.SMS_ACCOUNT_SID ?? SANDBOX_TWILIO.accountSid,
          authToken: config.SMS_AUTH_TOKEN ?? SANDBOX_TWILIO.authToken,
          dir: config.NODE_ENV === 'test' ? undefined : '.data/sms',
        });
        await simulator.start(0);
        return simulator;
      },
    },
    {
      provide: SiteverifySimulator,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        if (config.CAPTCHA_PROVIDER === 'off' || config.CAPTCHA_MODE !== 'sandbox') return null;
        const simulator = new SiteverifySimulator({ flavour: config.CAPTCHA_PROVIDER, secret: config.CAPTCHA_SECRET });
        await simulator.start(0);
        return simulator;
      },
    },
    {
      provide: SMS_SENDER,
      inject: [APP_CONFIG, TwilioSmsSimulator],
      useFactory: (config: AppConfig, simulator: TwilioSmsSimulator | null) =>
        new TwilioSmsSender(
          {
            baseUrl: simulator?.baseUrl ?? config.SMS_API_BASE_URL ?? 'https://api.twilio.com',
            accountSid: config.SMS_ACCOUNT_SID ?? SANDBOX_TWILIO.accountSid,
            authToken: config.SMS_AUTH_TOKEN ?? SANDBOX_TWILIO.authToken,
            from: config.SMS_FROM,
          },
          new ResilientHttp({ name: 'twilio-sms', timeoutMs: 10_000, retries: 2 }),
        ),
    },
    {
      provide: SITEVERIFY,
      inject: [APP_CONFIG, SiteverifySimulator],
      useFactory: (config: AppConfig, simulator: SiteverifySimulator | null) => {
        if (config.CAPTCHA_PROVIDER === 'off') return null;
        const url = simulator ? `${simulator.baseUrl}/siteverify` : (config.CAPTCHA_VERIFY_URL ?? SITEVERIFY_URLS[config.CAPTCHA_PROVIDER]);
        return new SiteverifyClient({ url, secret: config.CAPTCHA_SECRET! }, new ResilientHttp({ name: `${config.CAPTCHA_PROVIDER}-siteverify`, timeoutMs: 5000, retries: 1 }));
      },
    },
    UserTransactions,
    SecondFactorRepository,
    SecondFactorCodes,
    SecondFactorAudit,
    SecondFactorService,
    CaptchaVerifier,
    StartTotpEnrolmentHandler,
    ConfirmTotpEnrolmentHandler,
    DisableTotpHandler,
    RegenerateRecoveryCodesHandler,
    StartSmsEnrolmentHandler,
    ConfirmSmsEnrolmentHandler,
    RemoveSmsFactorHandler,
    GetSecondFactorStatusHandler,
  ],
  exports: [SecondFactorService, CaptchaVerifier],
})
export class SecondFactorModule implements OnApplicationShutdown {
  constructor(
    @Inject(SMS_SENDER) private readonly sms: TwilioSmsSender,
    @Optional() @Inject(SITEVERIFY) private readonly siteverify: SiteverifyClient | null,
    @Optional() @Inject(TwilioSmsSimulator) private readonly smsSimulator: TwilioSmsSimulator | null,
    @Optional() @Inject(SiteverifySimulator) private readonly captchaSimulator: SiteverifySimulator | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.sms.http.shutdown();
    this.siteverify?.http.shutdown();
    await this.smsSimulator?.stop();
    await this.captchaSimulator?.stop();
  }
}
