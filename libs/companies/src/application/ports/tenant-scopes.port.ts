import type { TenantScope } from '@shipcrowd/platform';

/** Runs work under a tenant scope, inside the caller's open unit of work when there is one (see TenantScopeSwitch). */
export abstract class TenantScopes {
  abstract within<T>(scope: TenantScope, work: () => Promise<T>): Promise<T>;
}
