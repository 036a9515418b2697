import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthExtensions } from '../auth/auth-extensions';
import type { AccessTokenClaims } from '../auth/principal';
import { APP_CONFIG, AppConfig } from '../config/config.schema';
import { problem, PROBLEM_CONTENT_TYPE } from '../http/problem';

export const BULL_BOARD_COOKIE = 'sc_queues';
const COOKIE_PATH = '/admin/queues';

type Verdict = { ok: true; claims: AccessTokenClaims } | { ok: false; status: 401 | 403; code: string; detail: string };

/** Platform-admin authentication for the queue dashboard (which lives outside Nest's guards). */
@Injectable()
export class BullBoardAuth {
  constructor(
    private readonly jwt: JwtService,
    private readonly extensions: AuthExtensions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verify(token: string | undefined): Promise<Verdict> {
    if (!token) return { ok: false, status: 401, code: 'auth.unauthenticated', detail: 'Sign in as a platform admin: send Authorization: Bearer <access token>, or open /admin/queues/login?token=<access token>.' };
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      return { ok: false, status: 401, code: expired ? 'auth.token_expired' : 'auth.invalid_token', detail: expired ? 'The access token has expired; sign in again.' : 'The access token is not valid.' };
    }
    if (claims.typ !== 'access') return { ok: false, status: 401, code: 'auth.invalid_token', detail: 'The access token is not valid.' };
    if (this.extensions.sessions && claims.sid && (await this.extensions.sessions.isRevoked(claims.sid))) {
      return { ok: false, status: 401, code: 'auth.session_revoked', detail: 'This session was signed out.' };
    }
    if (!claims.pa) return { ok: false, status: 403, code: 'auth.platform_admin_required', detail: 'Only Shipcrowd platform administrators may open the queue dashboard.' };
    return { ok: true, claims };
  }

  /** onRequest check for every dashboard route (bearer header first, then the cookie); false once it has answered 401/403. */
  async guard(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const verdict = await this.verify(bearer(request.headers.authorization) ?? cookie(request.headers.cookie, BULL_BOARD_COOKIE));
    if (verdict.ok) return true;
    sendProblem(request, reply, verdict);
    return false;
  }

  /** GET /admin/queues/login?token=<jwt>: checks the token, stores it in an httpOnly cookie, redirects to the board. */
  async login(request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply): Promise<void> {
    const token = typeof request.query?.token === 'string' ? request.query.token : undefined;
    // Keep the token out of the access log (the request logger prints request.url).
    request.raw.url = `${COOKIE_PATH}/login`;
    const verdict = await this.verify(token);
    if (!verdict.ok) return sendProblem(request, reply, verdict);
    const maxAge = Math.max(0, Math.floor(((verdict.claims as AccessTokenClaims & { exp?: number }).exp ?? 0) - Date.now() / 1000));
    const secure = this.config.PUBLIC_BASE_URL.startsWith('https:') ? '; Secure' : '';
    reply
      .header('set-cookie', `${BULL_BOARD_COOKIE}=${token}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`)
      .header('cache-control', 'no-store')
      .redirect(`${COOKIE_PATH}/`, 303);
  }
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, verdict: Extract<Verdict, { ok: false }>): void {
  const body = problem(verdict.status, verdict.code, verdict.detail, { requestId: String(request.id), instance: request.url.split('?')[0] });
  if (verdict.status === 401) reply.header('www-authenticate', 'Bearer');
  void reply.code(verdict.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

function bearer(header: string | undefined): string | undefined {
  const [scheme, token] = (header ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}
