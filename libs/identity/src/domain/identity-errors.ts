import { DomainError } from '@shipcrowd/kernel';

/** Stable identity problem codes, in one place so clients and tests can rely on them. */
export const IdentityErrors = {
  invalidPhone: () =>
    new DomainError('validation.failed', 'phone: must be an Indian mobile number', 'validation', {
      errors: [{ field: 'phone', message: 'must be an Indian mobile number (+91 and 10 digits, or 10 digits)', code: 'isPhone' }],
    }),
  invalidCredentials: () => new DomainError('auth.invalid_credentials', 'The email or password is incorrect.', 'unauthorized'),
  emailTaken: () => new DomainError('auth.email_taken', 'An account with this email already exists; sign in or reset the password.', 'conflict'),
  accountDeactivated: () => new DomainError('auth.account_deactivated', 'This account is deactivated.', 'forbidden'),
  accountLocked: (lockedUntil: Date) =>
    new DomainError('auth.account_locked', `Too many failed sign-ins; try again after ${lockedUntil.toISOString()}.`, 'rate_limited', { lockedUntil: lockedUntil.toISOString() }),
  secondFactorRequired: (methods: string[]) =>
    new DomainError('auth.second_factor_required', 'Enter the code from your authenticator app, SMS or a recovery code.', 'unauthorized', { methods }),
  invalidSecondFactor: () => new DomainError('auth.invalid_second_factor', 'The second-factor code is not valid.', 'unauthorized'),
  captchaRequired: () =>
    new DomainError('auth.captcha_required', 'Complete the captcha and send its token as captchaToken.', 'validation', {
      errors: [{ field: 'captchaToken', message: 'is required', code: 'captcha_required' }],
    }),
  captchaFailed: () =>
    new DomainError('auth.captcha_failed', 'The captcha could not be verified; try again.', 'validation', {
      errors: [{ field: 'captchaToken', message: 'was not accepted', code: 'captcha_failed' }],
    }),
  invalidToken: (what: string) => new DomainError('auth.invalid_token', `The ${what} link is invalid, expired or already used.`, 'validation', {
    errors: [{ field: 'token', message: 'is invalid, expired or already used', code: 'invalid_token' }],
  }),
  invalidRefreshToken: () => new DomainError('auth.invalid_refresh_token', 'The refresh token is invalid or expired; sign in again.', 'unauthorized'),
  refreshReused: () => new DomainError('auth.refresh_reused', 'This refresh token was already used; every session of this sign-in was revoked. Sign in again.', 'unauthorized'),
  sessionRevoked: () => new DomainError('auth.session_revoked', 'This session was signed out.', 'unauthorized'),
  wrongPassword: (field = 'currentPassword') =>
    new DomainError('auth.wrong_password', 'The password is incorrect.', 'validation', { errors: [{ field, message: 'is incorrect', code: 'wrong_password' }] }),
  notAMember: () => new DomainError('auth.not_a_member', 'You are not an active member of that company.', 'forbidden'),
  emailAlreadyVerified: () => new DomainError('auth.email_already_verified', 'The email address is already verified.', 'conflict'),
  userNotFound: () => new DomainError('user.not_found', 'The user was not found.', 'not_found'),
  apiKeyCreatorInactive: () =>
    new DomainError('auth.api_key_creator_inactive', 'The person who created this API key is no longer an active member of its company; create a new key.', 'unauthorized'),
  googleDisabled: () => new DomainError('auth.google_disabled', 'Sign-in with Google is not configured on this server.', 'not_found'),
  googleStateInvalid: () =>
    new DomainError('auth.google_state_invalid', 'The Google sign-in attempt is unknown, expired, already used or was started in another browser; start again.', 'forbidden'),
  googleDenied: () => new DomainError('auth.google_denied', 'Google sign-in was cancelled or refused.', 'unauthorized'),
  googleCodeInvalid: () => new DomainError('auth.google_code_invalid', 'Google did not accept the sign-in code (expired or already used); start again.', 'unauthorized'),
  googleUnavailable: () => new DomainError('auth.google_unavailable', 'Google could not be reached; try again shortly.', 'unavailable'),
  googleEmailUnverified: () =>
    new DomainError('auth.google_email_unverified', 'Google has not verified the email address of this Google account, so it cannot be used to sign in.', 'forbidden'),
  googleLinkConflict: (reason: 'email_unverified' | 'other_google_account') =>
    new DomainError(
      'auth.google_link_conflict',
      reason === 'email_unverified'
        ? 'An account with this email exists but has not verified it: sign in with the password (or reset it) and verify the email, then use Google.'
        : 'An account with this email is already linked to a different Google account.',
      'conflict',
      { reason },
    ),
};
