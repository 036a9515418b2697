import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { eq, sql } from 'drizzle-orm';
import { DATABASE, DatabaseHandle } from '@shipcrowd/platform';
import { IdentityErrors } from '../../../domain';
import { users } from '../../../infrastructure/persistence/identity.schema';
import { AvatarUrls } from '../../services/avatar-urls';
import { GetMe, MeView } from './get-me.query';

/**
 * Hot path (benchmarked): exactly ONE statement — the user row by primary key, outside any transaction.
 * Company, role and permissions come from the verified access token, not from the database.
 */
@QueryHandler(GetMe)
export class GetMeHandler implements IQueryHandler<GetMe, MeView> {
  /** A named prepared statement: parsed and planned once per connection, not built by Drizzle per request. */
  private readonly selectUser;

  constructor(
    @Inject(DATABASE) database: DatabaseHandle,
    private readonly avatars: AvatarUrls,
  ) {
    this.selectUser = database.db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        emailVerifiedAt: users.emailVerifiedAt,
        phone: users.phone,
        backupEmail: users.backupEmail,
        backupEmailVerifiedAt: users.backupEmailVerifiedAt,
        avatarKey: users.avatarKey,
        platformAdmin: users.platformAdmin,
        status: users.status,
        deletionScheduledFor: users.deletionScheduledFor,
      })
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .limit(1)
      .prepare('identity_get_me');
  }

  async execute({ principal }: GetMe): Promise<MeView> {
    const [row] = await this.selectUser.execute({ id: principal.userId });
    if (!row) throw IdentityErrors.userNotFound();
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      emailVerified: !!row.emailVerifiedAt,
      phone: row.phone,
      backupEmail: row.backupEmail,
      backupEmailVerified: !!row.backupEmailVerifiedAt,
      avatarUrl: await this.avatars.urlFor(row.avatarKey),
      platformAdmin: row.platformAdmin,
      status: row.status,
      deletionScheduledFor: row.deletionScheduledFor?.toISOString() ?? null,
      company: principal.companyId ? { id: principal.companyId, role: principal.role, permissions: principal.permissions } : null,
    };
  }
}
