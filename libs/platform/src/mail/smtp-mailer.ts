import { createTransport, Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from './mailer.port';

/** Sends over SMTP. The only mail adapter: in local mode it talks to LocalSmtpServer. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.template ? { 'X-Shipcrowd-Template': message.template } : undefined,
    });
    return { messageId: info.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
