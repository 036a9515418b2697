import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { eq } from 'drizzle-orm';
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
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly avatars: AvatarUrls,
  ) {}

  async execute({ principal }: GetMe): Promise<MeView> {
    const [row] = await this.database.db
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
      .where(eq(users.id, principal.userId))
      .limit(1);
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
