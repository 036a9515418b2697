import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems, Authenticated, CurrentPrincipal, Principal, PublicRoute } from '@shipcrowd/platform';
import { ConfirmEmailChange } from '../../application/commands/confirm-email-change/confirm-email-change.command';
import { LogIn } from '../../application/commands/log-in/log-in.command';
import { LogOut } from '../../application/commands/log-out/log-out.command';
import { RefreshTokens } from '../../application/commands/refresh-tokens/refresh-tokens.command';
import { RegisterUser } from '../../application/commands/register-user/register-user.command';
import { RequestPasswordReset } from '../../application/commands/request-password-reset/request-password-reset.command';
import { ResendVerification } from '../../application/commands/resend-verification/resend-verification.command';
import { ResetPassword } from '../../application/commands/reset-password/reset-password.command';
import { SendLoginSmsCode } from '../../application/commands/send-login-sms-code/send-login-sms-code.command';
import { SwitchCompany } from '../../application/commands/switch-company/switch-company.command';
import { VerifyEmail } from '../../application/commands/verify-email/verify-email.command';
import {
  AcceptedDto,
  AuthResultDto,
  EmailResultDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetDto,
  RefreshDto,
  RegisterDto,
  SmsCodeDto,
  SwitchCompanyDto,
  SwitchCompanyResultDto,
  TokenDto,
  TokensDto,
  VerifyEmailResultDto,
} from './auth.dto';
import { clientOf } from './client-info';
import { ApiProblemCodes } from './problem-docs';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly commands: CommandBus) {}

  @Post('register')
  @PublicRoute()
  @ApiOperation({ summary: 'Sign up: creates the user and their company (or joins an invitation) and signs in' })
  @ApiCreatedResponse({ type: AuthResultDto })
  @ApiProblemCodes({ 409: ['auth.email_taken'], 422: ['validation.failed', 'auth.weak_password', 'auth.captcha_required', 'auth.captcha_failed'], 503: ['captcha.unavailable'] })
  register(@Body() body: RegisterDto, @Req() request: FastifyRequest) {
    return this.commands.execute(new RegisterUser(body, clientOf(request)));
  }

  @Post('verify-email')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm an email address (sign-in or backup) with the emailed token' })
  @ApiOkResponse({ type: VerifyEmailResultDto })
  @ApiProblems(409)
  verifyEmail(@Body() body: TokenDto) {
    return this.commands.execute(new VerifyEmail(body.token));
  }

  @Post('resend-verification')
  @Authenticated()
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the verification email again' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiProblems(409)
  async resendVerification(@CurrentPrincipal() principal: Principal) {
    await this.commands.execute(new ResendVerification(principal.userId));
    return { accepted: true };
  }

  @Post('login')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password (plus a second-factor code when enrolled)' })
  @ApiOkResponse({ type: AuthResultDto })
  @ApiProblemCodes({
    401: ['auth.invalid_credentials', 'auth.second_factor_required (methods[])', 'auth.invalid_second_factor'],
    403: ['auth.account_deactivated'],
    422: ['validation.failed', 'auth.captcha_required', 'auth.captcha_failed'],
    429: ['auth.account_locked (lockedUntil)'],
    503: ['captcha.unavailable'],
  })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest) {
    return this.commands.execute(new LogIn(body, clientOf(request)));
  }

  @Post('login/sms-code')
  @PublicRoute()
  @HttpCode(202)
  @ApiOperation({ summary: 'Text a sign-in code to the enrolled phone (password required)' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiProblemCodes({
    401: ['auth.invalid_credentials'],
    403: ['auth.account_deactivated'],
    409: ['auth.sms_not_enrolled'],
    422: ['validation.failed', 'auth.captcha_required', 'auth.captcha_failed'],
    429: ['auth.account_locked', 'two_factor.sms_rate_limited'],
    503: ['sms.unavailable', 'captcha.unavailable'],
  })
  async sendSmsCode(@Body() body: SmsCodeDto, @Req() request: FastifyRequest) {
    await this.commands.execute(new SendLoginSmsCode(body, clientOf(request)));
    return { accepted: true };
  }

  @Post('refresh')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token for new tokens (reusing an old one revokes the sign-in)' })
  @ApiOkResponse({ type: TokensDto })
  @ApiProblemCodes({ 401: ['auth.invalid_refresh_token', 'auth.refresh_reused'] })
  refresh(@Body() body: RefreshDto, @Req() request: FastifyRequest) {
    return this.commands.execute(new RefreshTokens(body.refreshToken, clientOf(request)));
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out this session' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@CurrentPrincipal() principal: Principal) {
    await this.commands.execute(new LogOut(principal));
  }

  @Post('switch-company')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Get tokens for another company you are a member of' })
  @ApiOkResponse({ type: SwitchCompanyResultDto })
  @ApiProblems(403)
  switchCompany(@CurrentPrincipal() principal: Principal, @Body() body: SwitchCompanyDto) {
    return this.commands.execute(new SwitchCompany(principal, body.companyId));
  }

  @Post('password-reset')
  @PublicRoute()
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a password-reset link (always accepted; never reveals whether the email exists)' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  async requestPasswordReset(@Body() body: PasswordResetDto) {
    await this.commands.execute(new RequestPasswordReset(body.email, body.useBackupEmail ?? false));
    return { accepted: true };
  }

  @Post('password-reset/confirm')
  @PublicRoute()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the emailed token; signs out every session' })
  @ApiNoContentResponse({ description: 'Password changed' })
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto) {
    await this.commands.execute(new ResetPassword(body.token, body.newPassword));
  }

  @Post('confirm-email-change')
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a new sign-in email with the token sent to it' })
  @ApiOkResponse({ type: EmailResultDto })
  @ApiProblems(409)
  confirmEmailChange(@Body() body: TokenDto) {
    return this.commands.execute(new ConfirmEmailChange(body.token));
  }
}
