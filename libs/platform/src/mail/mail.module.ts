import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config.schema';
import { LocalSmtpServer } from './local-smtp-server';
import { MAILER } from './mailer.port';
import { SmtpMailer } from './smtp-mailer';

/**
 * MAIL_TRANSPORT=smtp sends through SMTP_URL. MAIL_TRANSPORT=local (default) starts a local SMTP
 * server on LOCAL_SMTP_PORT (0 = any free port) and sends to it through the same SMTP adapter.
 */
@Global()
@Module({
  providers: [
    {
      provide: LocalSmtpServer,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        if (config.MAIL_TRANSPORT !== 'local') return null;
        const server = new LocalSmtpServer(config.NODE_ENV === 'test' ? undefined : '.data/mail');
        (server as LocalSmtpServer & { port: number }).port = await server.start(config.LOCAL_SMTP_PORT);
        return server;
      },
    },
    {
      provide: MAILER,
      inject: [APP_CONFIG, LocalSmtpServer],
      useFactory: (config: AppConfig, local: (LocalSmtpServer & { port: number }) | null) =>
        new SmtpMailer(local ? `smtp://127.0.0.1:${local.port}` : config.SMTP_URL!, config.MAIL_FROM),
    },
  ],
  exports: [MAILER, LocalSmtpServer],
})
export class MailModule implements OnApplicationShutdown {
  constructor(
    @Inject(MAILER) private readonly mailer: SmtpMailer,
    @Inject(LocalSmtpServer) private readonly local: LocalSmtpServer | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.mailer.close();
    await this.local?.stop();
  }
}
