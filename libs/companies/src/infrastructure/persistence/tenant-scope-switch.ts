import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { queryRows, TenantScope, Tx, UnitOfWork } from '@shipcrowd/platform';
import { TenantScopes } from '../../application/ports/tenant-scopes.port';

/**
 * Runs work under a given tenant scope whether or not the caller already holds a unit of work.
 *
 * The companies facade is called from other contexts' commands (registration, login) whose unit of work
 * has no company yet: the company row does not exist when their scope was opened. Nesting a second
 * `uow.run` with another scope is not allowed (and deadlocks on PGlite's single connection), so inside
 * an open unit we switch the transaction-local RLS settings for the duration of `work` with
 * `set_config(..., true)` and restore the caller's values afterwards. Without an open unit we simply
 * open one with the requested scope. Only the companies context's own trusted code uses this, always
 * with a query that narrows to the ids it was given.
 */
@Injectable()
export class TenantScopeSwitch extends TenantScopes {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async within<T>(scope: TenantScope, work: () => Promise<T>): Promise<T> {
    if (!this.uow.scope()) return this.uow.run(scope, work);
    const tx = this.uow.tx();
    const [saved] = await queryRows<{ company_id: string | null; user_id: string | null; system: string | null }>(
      tx,
      sql`select current_setting('app.company_id', true) as company_id, current_setting('app.user_id', true) as user_id, current_setting('app.system', true) as system`,
    );
    await apply(tx, scope.companyId ?? '', scope.userId ?? saved.user_id ?? '', scope.system ? 'on' : 'off');
    try {
      return await work();
    } finally {
      await apply(tx, saved.company_id ?? '', saved.user_id ?? '', saved.system ?? 'off').catch(() => undefined);
    }
  }
}

async function apply(tx: Tx, companyId: string, userId: string, system: string): Promise<void> {
  await tx.execute(sql`select set_config('app.company_id', ${companyId}, true), set_config('app.user_id', ${userId}, true), set_config('app.system', ${system}, true)`);
}
