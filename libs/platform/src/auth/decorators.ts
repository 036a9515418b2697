import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/openapi-decorators';
import type { Principal } from './principal';

export const IS_PUBLIC = 'shipcrowd:public';
export const REQUIRED_PERMISSIONS = 'shipcrowd:permissions';
export const PLATFORM_ADMIN_ONLY = 'shipcrowd:platform-admin';
export const ALLOW_NO_COMPANY = 'shipcrowd:allow-no-company';

/** No authentication; the OpenAPI document shows `security: []`. */
export function PublicRoute(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));
}

/**
 * Requires a bearer JWT or an API key holding every listed permission; documents it in OpenAPI
 * (security schemes, 401 and 403 problems, and the permission as x-permission).
 */
export function RequirePermissions(...permissions: string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_PERMISSIONS, permissions),
    ApiBearerAuth('bearer'),
    ApiSecurity('apiKey'),
    ApiExtension('x-permissions', permissions),
    ApiProblems(401, 403),
  );
}

/** Any signed-in user, with or without a company (e.g. GET /v1/me). */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ALLOW_NO_COMPANY, true), ApiBearerAuth('bearer'), ApiSecurity('apiKey'), ApiProblems(401));
}

/** Shipcrowd staff only. */
export function PlatformAdminOnly(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(PLATFORM_ADMIN_ONLY, true),
    SetMetadata(ALLOW_NO_COMPANY, true),
    ApiBearerAuth('bearer'),
    ApiExtension('x-permissions', ['platform.admin']),
    ApiProblems(401, 403),
  );
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return request.principal;
});

/** The company a principal acts for; routes guarded by RequirePermissions always have one. */
export function companyOf(principal: Principal): string {
  if (!principal.companyId) throw new Error('principal has no company');
  return principal.companyId;
}
