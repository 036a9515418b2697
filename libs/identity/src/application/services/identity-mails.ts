import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, MAILER, Mailer } from '@shipcrowd/platform';

/**
 * Identity's outgoing emails. Sent after the unit of work commits (so a rolled-back change never mails a
 * token that does not exist). A failed send is logged, not raised: the change stands and the user can ask
 * for the email again (resend-verification, password reset).
 */
@Injectable()
export class IdentityMails {
  private readonly logger = new Logger('identity.mails');

  constructor(
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private link(path: string, token: string): string {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}${path}?token=${encodeURIComponent(token)}`;
  }

  verifyEmail(to: string, name: string, token: string) {
    return this.send(to, 'identity.verify_email', 'Verify your Shipcrowd email', `Hi ${name},\n\nConfirm your email address (the link works for 24 hours):\n${this.link('/verify-email', token)}\n`);
  }

  passwordReset(to: string, name: string, token: string) {
    return this.send(to, 'identity.password_reset', 'Reset your Shipcrowd password', `Hi ${name},\n\nSomeone asked to reset your password. If it was you, use this link within 1 hour:\n${this.link('/reset-password', token)}\n\nIf not, ignore this email; your password is unchanged.\n`);
  }

  emailChange(to: string, name: string, token: string) {
    return this.send(to, 'identity.email_change', 'Confirm your new Shipcrowd email', `Hi ${name},\n\nConfirm this address as your new sign-in email (24 hours):\n${this.link('/confirm-email-change', token)}\n`);
  }

  emailChangeRequested(to: string, name: string, newEmail: string) {
    return this.send(to, 'identity.email_change_requested', 'Your Shipcrowd email is being changed', `Hi ${name},\n\nA change of your sign-in email to ${newEmail} was requested. If this was not you, reset your password now.\n`);
  }

  emailChanged(to: string, name: string, newEmail: string) {
    return this.send(to, 'identity.email_changed', 'Your Shipcrowd email was changed', `Hi ${name},\n\nYour sign-in email is now ${newEmail}. If this was not you, contact support immediately.\n`);
  }

  backupEmail(to: string, name: string, token: string) {
    return this.send(to, 'identity.backup_email', 'Confirm your Shipcrowd backup email', `Hi ${name},\n\nConfirm this address as your backup email for account recovery (24 hours):\n${this.link('/verify-email', token)}\n`);
  }

  passwordChanged(to: string, name: string) {
    return this.send(to, 'identity.password_changed', 'Your Shipcrowd password was changed', `Hi ${name},\n\nYour password was changed and other sessions were signed out. If this was not you, reset your password now.\n`);
  }

  newDevice(to: string, name: string, device: string, ip: string | null, at: Date) {
    return this.send(to, 'identity.new_device', 'New sign-in to your Shipcrowd account', `Hi ${name},\n\nYour account was signed in from a new device: ${device}, IP ${ip ?? 'unknown'}, at ${at.toISOString()}.\nIf this was not you, change your password and sign out other sessions.\n`);
  }

  deletionScheduled(to: string, name: string, due: Date) {
    return this.send(to, 'identity.deletion_scheduled', 'Your Shipcrowd account will be deleted', `Hi ${name},\n\nYour account is scheduled for deletion on ${due.toISOString()}. Sign in and cancel the deletion before then to keep it.\n`);
  }

  private async send(to: string, template: string, subject: string, text: string): Promise<void> {
    try {
      await this.mailer.send({ to, subject, text, template });
    } catch (error) {
      this.logger.error({ msg: 'email not sent', template, error: (error as Error).message });
    }
  }
}
