import type { TenantScope } from '@shipcrowd/platform';

/** Who runs a command: the interface layer builds it from the authenticated principal. */
export interface Actor {
  userId: string;
  companyId: string;
  via: 'jwt' | 'api_key';
}

export function companyScope(actor: Actor): TenantScope {
  return { companyId: actor.companyId, userId: actor.userId };
}
