import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { requestContext } from '../context/request-context';
import { ProblemException } from '../http/problem';
import { ALLOW_NO_COMPANY, IS_PUBLIC, PLATFORM_ADMIN_ONLY, REQUIRED_PERMISSIONS } from './decorators';
import { AuthExtensions } from './auth-extensions';
import { AccessTokenClaims, Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

type AuthedRequest = FastifyRequest & { principal?: Principal };

/**
 * Global guard: every route is authenticated unless marked @PublicRoute(). Accepts
 * `Authorization: Bearer <access JWT>` or `X-Api-Key: <key>`, then checks the route's permissions.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokenCache<AccessTokenClaims & { exp?: number; nbf?: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly extensions: AuthExtensions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;
    requestContext.assign({ userId: principal.userId, companyId: principal.companyId ?? undefined, apiKeyId: principal.apiKeyId });

    if (this.reflector.getAllAndOverride<boolean>(PLATFORM_ADMIN_ONLY, targets)) {
      if (!principal.platformAdmin) throw new ProblemException(403, 'auth.platform_admin_required', 'Only Shipcrowd platform administrators may do this.');
      return true;
    }
    const required = this.reflector.getAllAndOverride<string[]>(REQUIRED_PERMISSIONS, targets) ?? [];
    const allowNoCompany = this.reflector.getAllAndOverride<boolean>(ALLOW_NO_COMPANY, targets) ?? false;
    if (!allowNoCompany && !principal.companyId) throw new ProblemException(403, 'auth.no_company', 'This action needs a company; accept an invitation or create one first.');
    const missing = required.filter((p) => !principal.permissions.includes(p));
    if (missing.length) throw new ProblemException(403, 'auth.permission_denied', `Your role lacks the permission: ${missing.join(', ')}.`, { missingPermissions: missing });
    return true;
  }

  private async authenticate(request: AuthedRequest): Promise<Principal> {
    const apiKey = headerValue(request.headers['x-api-key']);
    if (apiKey) {
      const principal = this.extensions.apiKeys ? await this.extensions.apiKeys.verify(apiKey, request.ip) : null;
      if (!principal) throw new ProblemException(401, 'auth.invalid_api_key', 'The API key is unknown, revoked or expired.');
      return principal;
    }
    const authorization = headerValue(request.headers.authorization);
    if (!authorization) throw new ProblemException(401, 'auth.unauthenticated', 'Send Authorization: Bearer <access token> or X-Api-Key.', { headers: { 'WWW-Authenticate': 'Bearer' } });
    const [scheme, token] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new ProblemException(401, 'auth.unauthenticated', 'Authorization must use the Bearer scheme.', { headers: { 'WWW-Authenticate': 'Bearer' } });

    let claims: AccessTokenClaims;
    try {
      const known = this.verified.get(token);
      claims = known ?? (await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] }));
      if (!known) this.verified.set(token, claims);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new ProblemException(401, expired ? 'auth.token_expired' : 'auth.invalid_token', expired ? 'The access token has expired; refresh it.' : 'The access token is not valid.', {
        headers: { 'WWW-Authenticate': `Bearer error="invalid_token"` },
      });
    }
    if (claims.typ !== 'access') throw new ProblemException(401, 'auth.invalid_token', 'The access token is not valid.');
    if (this.extensions.sessions && (await this.extensions.sessions.isRevoked(claims.sid))) throw new ProblemException(401, 'auth.session_revoked', 'This session was signed out.');
    return {
      userId: claims.sub,
      companyId: claims.cid,
      role: claims.role,
      permissions: claims.perms ?? [],
      platformAdmin: !!claims.pa,
      via: 'jwt',
      sessionId: claims.sid,
    };
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
