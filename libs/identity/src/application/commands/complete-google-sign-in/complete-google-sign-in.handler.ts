import { timingSafeEqual } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, newId } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, normaliseEmail, User, UserRepository } from '../../../domain';
import { GoogleOAuth, GoogleProfile } from '../../ports';
import type { ClientInfo } from '../../services/client-info';
import { IdentityAudit } from '../../services/identity-audit';
import { SignIn } from '../../services/sign-in';
import { isUniqueViolation, toUserResponse } from '../../services/user-view';
import { CompleteGoogleSignIn, GoogleSignInResult } from './complete-google-sign-in.command';

/**
 * Google callback: the account is found by its Google subject; else an existing account with the same email is
 * linked, but only when both Google and we have verified that email (an unverified local account could have been
 * pre-registered by someone else); else a new user is created with a verified email, no password and no company
 * (nextStep 'join_company': accept an invitation, then switch company). Google's own sign-in stands in for the
 * password; identity's second factors apply to password sign-in.
 */
@CommandHandler(CompleteGoogleSignIn)
export class CompleteGoogleSignInHandler implements ICommandHandler<CompleteGoogleSignIn, GoogleSignInResult> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly google: GoogleOAuth,
    private readonly signIn: SignIn,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ callback, boundState, client }: CompleteGoogleSignIn): Promise<GoogleSignInResult> {
    if (!this.google.enabled) throw IdentityErrors.googleDisabled();
    // Login CSRF: the state must come back to the browser that started this attempt, not merely exist.
    if (!callback.state || !boundState || !sameString(callback.state, boundState)) throw IdentityErrors.googleStateInvalid();
    const profile = await this.google.complete(callback);

    const { user, isNewUser, linked } = await this.findOrCreate(profile, client).catch((error) => {
      throw isUniqueViolation(error) ? IdentityErrors.emailTaken() : error;
    });
    user.assertCanSignIn();

    // A brand-new account has no known devices: no "new sign-in" alert for its very first session.
    const { company, tokens } = await this.signIn.start(user, client, { action: 'auth.login_google', metadata: { isNewUser, linked } }, { alertNewDevice: !isNewUser });
    return { user: toUserResponse(user), companyId: company?.companyId ?? null, ...tokens, isNewUser, linked, nextStep: company ? null : 'join_company' };
  }

  private findOrCreate(profile: GoogleProfile, client: ClientInfo): Promise<{ user: User; isNewUser: boolean; linked: boolean }> {
    const now = this.clock.now();
    return this.uow.run({}, async () => {
      const known = await this.users.findByGoogleSubject(profile.subject);
      if (known) return { user: known, isNewUser: false, linked: false };

      if (!profile.email || !profile.emailVerified) throw IdentityErrors.googleEmailUnverified();
      const email = normaliseEmail(profile.email);
      const existing = await this.users.findByEmail(email);
      if (existing) {
        if (!existing.emailVerified) throw IdentityErrors.googleLinkConflict('email_unverified');
        if (existing.snapshot.googleSubject) throw IdentityErrors.googleLinkConflict('other_google_account');
        existing.assertCanSignIn();
        existing.linkGoogle(profile.subject, now);
        await this.users.save(existing);
        await this.audit.record({ action: 'auth.google_linked', companyId: null, actorUserId: existing.id, targetId: existing.id, ip: client.ip, userAgent: client.userAgent, metadata: { googleSubject: profile.subject } });
        return { user: existing, isNewUser: false, linked: true };
      }

      const name = profile.name?.trim().slice(0, 100) || email.split('@')[0];
      const user = User.register({ id: newId(), email, name, passwordHash: null, phone: null, now, googleSubject: profile.subject, emailVerified: true });
      await this.users.add(user);
      await this.audit.record({ action: 'auth.registered', companyId: null, actorUserId: user.id, targetId: user.id, ip: client.ip, userAgent: client.userAgent, metadata: { via: 'google' } });
      return { user, isNewUser: true, linked: false };
    });
  }
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
