import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { requestContext } from '../context/request-context';
import { ProblemException } from '../http/problem';
import { ALLOW_NO_COMPANY, IS_PUBLIC, PLATFORM_ADMIN_ONLY, REQUIRED_PERMISSIONS } from './decorators';
import { AccessTokenVerifier, assertPermitted } from './access-token-verifier';
import { AuthExtensions } from './auth-extensions';
import { Principal } from './principal';

type AuthedRequest = FastifyRequest & { principal?: Principal };

/**
 * Global guard: every route is authenticated unless marked @PublicRoute(). Accepts
 * `Authorization: Bearer <access JWT>` or `X-Api-Key: <key>`, then checks the route's permissions.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenVerifier,
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
    assertPermitted(principal, required, { allowNoCompany });
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
    return (await this.accessTokens.verify(token)).principal;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
