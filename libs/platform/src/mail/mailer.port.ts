export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Groups messages for logs and tests (e.g. 'identity.verify_email'). */
  template?: string;
}

/** Outbound email. Production: SMTP (nodemailer). Development and tests: the same SMTP adapter against a local server. */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export const MAILER = Symbol('Mailer');
