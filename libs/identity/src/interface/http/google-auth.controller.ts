import { Controller, Get, Inject, Query, Redirect, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, PublicRoute } from '@shipcrowd/platform';
import { CompleteGoogleSignIn } from '../../application/commands/complete-google-sign-in/complete-google-sign-in.command';
import { StartGoogleSignIn } from '../../application/commands/start-google-sign-in/start-google-sign-in.command';
import { OAUTH_STATE_TTL_SECONDS } from '../../infrastructure/adapters/google/redis-oauth-state-store';
import { GoogleAuthResultDto } from './auth.dto';
import { clientOf } from './client-info';
import { ApiProblemCodes } from './problem-docs';

/** Binds a Google sign-in attempt to the browser that started it (double-submit of the single-use state). */
export const GOOGLE_STATE_COOKIE = 'sc_google_state';
const COOKIE_PATH = '/v1/auth/google';

/**
 * Sign-in with Google (OAuth 2.0 authorization code + PKCE), enabled when GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and
 * GOOGLE_CALLBACK_URL are set (otherwise both routes answer 404 auth.google_disabled). API-first: the callback
 * answers JSON tokens like POST /v1/auth/login; a front end that wants a page points GOOGLE_CALLBACK_URL at itself
 * and forwards the query (and the cookie) to the callback route.
 */
@ApiTags('auth')
@Controller('v1/auth/google')
export class GoogleAuthController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @PublicRoute()
  @Redirect()
  @ApiOperation({
    summary: 'Start sign-in with Google: redirects to Google\'s consent page',
    description: `Sets the HttpOnly cookie ${GOOGLE_STATE_COOKIE} (valid ${OAUTH_STATE_TTL_SECONDS / 60} minutes, single use); the callback must come back to the same browser.`,
  })
  @ApiFoundResponse({ description: 'Location: Google\'s authorization URL (with client_id, redirect_uri, scope, state and a PKCE code_challenge)', headers: { Location: { schema: { type: 'string', example: 'https://accounts.google.com/o/oauth2/v2/auth?response_type=code&client_id=…&state=…' } } } })
  @ApiProblemCodes({ 404: ['auth.google_disabled'], 503: ['auth.google_unavailable'] })
  async startGoogleSignIn(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ url: string; statusCode: number }> {
    const { authorizationUrl, state } = await this.commands.execute(new StartGoogleSignIn());
    reply.header('set-cookie', this.cookie(state, OAUTH_STATE_TTL_SECONDS));
    return { url: authorizationUrl, statusCode: 302 };
  }

  @Get('callback')
  @PublicRoute()
  @ApiOperation({
    summary: 'Finish sign-in with Google: exchanges the code and answers tokens',
    description:
      'Signs in the account linked to this Google account; else links an existing account whose email both Google and Shipcrowd have verified; ' +
      'else creates an account (verified email, no password, no company: nextStep join_company). Audited as auth.login_google.',
  })
  @ApiQuery({ name: 'code', required: false, description: 'Authorization code from Google' })
  @ApiQuery({ name: 'state', required: false, description: 'The state given to Google; must match the cookie' })
  @ApiQuery({ name: 'error', required: false, description: 'Set by Google when the user cancels (access_denied)' })
  @ApiOkResponse({ type: GoogleAuthResultDto })
  @ApiProblemCodes({
    401: ['auth.google_denied', 'auth.google_code_invalid'],
    403: ['auth.google_state_invalid', 'auth.google_email_unverified', 'auth.account_deactivated'],
    404: ['auth.google_disabled'],
    409: ['auth.google_link_conflict (reason: email_unverified | other_google_account)', 'auth.email_taken'],
    503: ['auth.google_unavailable'],
  })
  completeGoogleSignIn(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GoogleAuthResultDto> {
    reply.header('set-cookie', this.cookie('', 0));
    const callback = { code: single(query.code), state: single(query.state), error: single(query.error), errorDescription: single(query.error_description) };
    return this.commands.execute(new CompleteGoogleSignIn(callback, readCookie(request.headers.cookie, GOOGLE_STATE_COOKIE), clientOf(request)));
  }

  private cookie(value: string, maxAge: number): string {
    const secure = this.config.GOOGLE_CALLBACK_URL?.startsWith('https:') ? '; Secure' : '';
    return `${GOOGLE_STATE_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
  }
}

/** A query value as one bounded string (repeated or oversized parameters count as absent). */
function single(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 2048 ? value : undefined;
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}
