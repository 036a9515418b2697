import { Global, Module, OnModuleInit } from '@nestjs/common';
import { IDENTITY_FACADE } from '@shipcrowd/identity/contracts';
import { AuthExtensions, StorageModule } from '@shipcrowd/platform';
import { CancelAccountDeletionHandler } from './application/commands/cancel-account-deletion/cancel-account-deletion.handler';
import { CompleteGoogleSignInHandler } from './application/commands/complete-google-sign-in/complete-google-sign-in.handler';
import { ChangePasswordHandler } from './application/commands/change-password/change-password.handler';
import { ConfirmEmailChangeHandler } from './application/commands/confirm-email-change/confirm-email-change.handler';
import { CreateApiKeyHandler } from './application/commands/create-api-key/create-api-key.handler';
import { DeactivateAccountHandler } from './application/commands/deactivate-account/deactivate-account.handler';
import { GrantPlatformAdminHandler } from './application/commands/grant-platform-admin/grant-platform-admin.handler';
import { LogInHandler } from './application/commands/log-in/log-in.handler';
import { LogOutHandler } from './application/commands/log-out/log-out.handler';
import { PurgeDeletedAccountsHandler } from './application/commands/purge-deleted-accounts/purge-deleted-accounts.handler';
import { RefreshTokensHandler } from './application/commands/refresh-tokens/refresh-tokens.handler';
import { RegisterUserHandler } from './application/commands/register-user/register-user.handler';
import { RequestEmailChangeHandler } from './application/commands/request-email-change/request-email-change.handler';
import { RequestPasswordResetHandler } from './application/commands/request-password-reset/request-password-reset.handler';
import { ResendVerificationHandler } from './application/commands/resend-verification/resend-verification.handler';
import { ResetPasswordHandler } from './application/commands/reset-password/reset-password.handler';
import { RevokeApiKeyHandler } from './application/commands/revoke-api-key/revoke-api-key.handler';
import { RevokeOtherSessionsHandler } from './application/commands/revoke-other-sessions/revoke-other-sessions.handler';
import { RevokeSessionHandler } from './application/commands/revoke-session/revoke-session.handler';
import { ScheduleAccountDeletionHandler } from './application/commands/schedule-account-deletion/schedule-account-deletion.handler';
import { SendLoginSmsCodeHandler } from './application/commands/send-login-sms-code/send-login-sms-code.handler';
import { StartGoogleSignInHandler } from './application/commands/start-google-sign-in/start-google-sign-in.handler';
import { SetBackupEmailHandler } from './application/commands/set-backup-email/set-backup-email.handler';
import { SwitchCompanyHandler } from './application/commands/switch-company/switch-company.handler';
import { UpdateProfileHandler } from './application/commands/update-profile/update-profile.handler';
import { UploadAvatarHandler } from './application/commands/upload-avatar/upload-avatar.handler';
import { VerifyEmailHandler } from './application/commands/verify-email/verify-email.handler';
import { IdentityFacadeImpl } from './application/identity.facade';
import { ApiKeyCreatorCache, GoogleOAuth, LoginThrottle, PasswordHasher, SessionRevocationList } from './application/ports';
import { GetMeHandler } from './application/queries/get-me/get-me.handler';
import { ListApiKeysHandler } from './application/queries/list-api-keys/list-api-keys.handler';
import { ListSessionsHandler } from './application/queries/list-sessions/list-sessions.handler';
import { IdentityApiKeyVerifier } from './application/services/api-key-verifier';
import { AvatarUrls } from './application/services/avatar-urls';
import { CaptchaGate } from './application/services/captcha-gate';
import { CredentialCheck } from './application/services/credential-check';
import { EmailTokens } from './application/services/email-tokens';
import { IdentityAudit } from './application/services/identity-audit';
import { IdentityMails } from './application/services/identity-mails';
import { SessionAdmin } from './application/services/session-admin';
import { SessionTokens } from './application/services/session-tokens';
import { SignIn } from './application/services/sign-in';
import { ApiKeyRepository, EmailTokenRepository, RefreshTokenRepository, SessionRepository, UserRepository } from './domain';
import { Argon2PasswordHasher } from './infrastructure/adapters/argon2-password-hasher';
import { PassportGoogleOAuth } from './infrastructure/adapters/google/passport-google-oauth';
import { RedisApiKeyCreatorCache } from './infrastructure/adapters/redis-api-key-creator-cache';
import { RedisLoginThrottle, RedisSessionRevocationList } from './infrastructure/adapters/redis-security-state';
import { DrizzleApiKeyRepository } from './infrastructure/persistence/drizzle-api-key.repository';
import { DrizzleEmailTokenRepository } from './infrastructure/persistence/drizzle-email-token.repository';
import { DrizzleRefreshTokenRepository, DrizzleSessionRepository } from './infrastructure/persistence/drizzle-session.repository';
import { DrizzleUserRepository } from './infrastructure/persistence/drizzle-user.repository';
import { ApiKeysController } from './interface/http/api-keys.controller';
import { AuthController } from './interface/http/auth.controller';
import { GoogleAuthController } from './interface/http/google-auth.controller';
import { MeController } from './interface/http/me.controller';
import { SecondFactorModule } from './second-factor';

const handlers = [
  RegisterUserHandler,
  VerifyEmailHandler,
  ResendVerificationHandler,
  LogInHandler,
  StartGoogleSignInHandler,
  CompleteGoogleSignInHandler,
  SendLoginSmsCodeHandler,
  RefreshTokensHandler,
  LogOutHandler,
  SwitchCompanyHandler,
  RequestPasswordResetHandler,
  ResetPasswordHandler,
  ChangePasswordHandler,
  RequestEmailChangeHandler,
  ConfirmEmailChangeHandler,
  SetBackupEmailHandler,
  UpdateProfileHandler,
  RevokeSessionHandler,
  RevokeOtherSessionsHandler,
  CreateApiKeyHandler,
  RevokeApiKeyHandler,
  UploadAvatarHandler,
  DeactivateAccountHandler,
  ScheduleAccountDeletionHandler,
  CancelAccountDeletionHandler,
  PurgeDeletedAccountsHandler,
  GrantPlatformAdminHandler,
  GetMeHandler,
  ListSessionsHandler,
  ListApiKeysHandler,
];

/**
 * Users, sign-in, sessions, tokens, API keys (plus second factors in SecondFactorModule).
 * Global only so other contexts can inject IDENTITY_FACADE; nothing else is exported.
 */
@Global()
@Module({
  imports: [SecondFactorModule, StorageModule],
  controllers: [AuthController, GoogleAuthController, MeController, ApiKeysController],
  providers: [
    ...handlers,
    { provide: UserRepository, useClass: DrizzleUserRepository },
    { provide: SessionRepository, useClass: DrizzleSessionRepository },
    { provide: RefreshTokenRepository, useClass: DrizzleRefreshTokenRepository },
    { provide: EmailTokenRepository, useClass: DrizzleEmailTokenRepository },
    { provide: ApiKeyRepository, useClass: DrizzleApiKeyRepository },
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    { provide: SessionRevocationList, useClass: RedisSessionRevocationList },
    { provide: LoginThrottle, useClass: RedisLoginThrottle },
    { provide: ApiKeyCreatorCache, useClass: RedisApiKeyCreatorCache },
    { provide: GoogleOAuth, useClass: PassportGoogleOAuth },
    IdentityAudit,
    IdentityMails,
    EmailTokens,
    SessionTokens,
    SignIn,
    SessionAdmin,
    CredentialCheck,
    CaptchaGate,
    AvatarUrls,
    IdentityApiKeyVerifier,
    IdentityFacadeImpl,
    { provide: IDENTITY_FACADE, useExisting: IdentityFacadeImpl },
  ],
  exports: [IDENTITY_FACADE],
})
export class IdentityModule implements OnModuleInit {
  constructor(
    private readonly extensions: AuthExtensions,
    private readonly apiKeys: IdentityApiKeyVerifier,
    private readonly revocations: SessionRevocationList,
  ) {}

  onModuleInit(): void {
    this.extensions.useApiKeyVerifier(this.apiKeys);
    this.extensions.useSessionRevocationCheck(this.revocations);
  }
}
