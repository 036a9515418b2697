import type { TenantScope } from '@shipcrowd/platform';
import { ConcurrencyError } from '@shipcrowd/kernel';
import type { AggregateRoot } from '@shipcrowd/kernel';

/** Who runs a command: the interface layer builds it from the authenticated principal. */
export interface Actor {
  userId: string;
  companyId: string;
  permissions: readonly string[];
  via: 'jwt' | 'api_key';
}

export interface AdminActor {
  userId: string;
}

export function companyScope(actor: Actor): TenantScope {
  return { companyId: actor.companyId, userId: actor.userId };
}

export function adminScope(admin: AdminActor): TenantScope {
  return { system: true, userId: admin.userId };
}

/** Clients may send the version they edited; a mismatch is the same 409 a concurrent writer gets. */
export function expectVersion(aggregate: AggregateRoot, what: string, expected: number | undefined): void {
  if (expected !== undefined && expected !== aggregate.version) throw new ConcurrencyError(what, aggregate.id);
}
