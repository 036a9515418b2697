import { DomainError } from '@shipcrowd/kernel';

/** Stable problem codes of the second-factor use cases. */
export const SecondFactorErrors = {
  invalidCode: () => new DomainError('two_factor.invalid_code', 'The code is wrong, expired or already used.', 'validation', { errors: [{ field: 'code', message: 'is wrong, expired or already used', code: 'invalid_code' }] }),
  totpAlreadyEnabled: () => new DomainError('two_factor.totp_already_enabled', 'An authenticator app is already enabled; disable it first to enrol another.', 'conflict'),
  totpNotPending: () => new DomainError('two_factor.totp_enrolment_not_started', 'Start the authenticator enrolment first (POST /v1/me/2fa/totp).', 'conflict'),
  totpNotEnabled: () => new DomainError('two_factor.totp_not_enabled', 'No authenticator app is enabled.', 'not_found'),
  smsAlreadyEnabled: () => new DomainError('two_factor.sms_already_enabled', 'SMS codes are already enabled; remove the phone first to use another.', 'conflict'),
  smsNotPending: () => new DomainError('two_factor.sms_enrolment_not_started', 'Start the SMS enrolment first (POST /v1/me/2fa/sms).', 'conflict'),
  smsNotEnabled: () => new DomainError('two_factor.sms_not_enabled', 'No phone is enrolled for SMS codes.', 'not_found'),
  smsNotEnrolled: () => new DomainError('auth.sms_not_enrolled', 'This account has no verified phone for SMS codes.', 'rule'),
  noSecondFactor: () => new DomainError('two_factor.not_enabled', 'Enable an authenticator app or SMS codes first.', 'conflict'),
  smsRateLimited: (retryAfterSeconds: number) =>
    new DomainError('two_factor.sms_rate_limited', `Too many SMS codes requested; try again in ${retryAfterSeconds} s.`, 'rate_limited', { retryAfterSeconds }),
};
