import { Injectable } from '@nestjs/common';
import { IdentityFacade, UserView } from '@shipcrowd/identity/contracts';
import { UnitOfWork } from '@shipcrowd/platform';
import { normaliseEmail, User, UserRepository } from '../domain';
import { ApiKeyCreatorCache } from './ports';
import { SessionAdmin } from './services/session-admin';

/** What other contexts may ask of identity (IDENTITY_FACADE). Joins the caller's unit of work when there is one. */
@Injectable()
export class IdentityFacadeImpl implements IdentityFacade {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly sessions: SessionAdmin,
    private readonly apiKeyCreators: ApiKeyCreatorCache,
  ) {}

  async findUserByEmail(email: string): Promise<UserView | null> {
    const user = await this.inUnit(() => this.users.findByEmail(normaliseEmail(email)));
    return user ? toView(user) : null;
  }

  async getUser(userId: string): Promise<UserView | null> {
    const user = await this.inUnit(() => this.users.findById(userId));
    return user ? toView(user) : null;
  }

  async revokeAllSessions(userId: string, reason: string): Promise<void> {
    const revoked = await this.inUnit(() => this.sessions.revokeAllInUnit(userId, reason));
    // Inside a caller's unit the ids are pushed before its commit; a rollback then only ends access tokens early (harmless).
    await this.sessions.flush(revoked);
    // Companies calls this when a member is removed or deactivated: their API keys must stop at once too.
    await this.apiKeyCreators.evict(userId);
  }

  private inUnit<T>(work: () => Promise<T>): Promise<T> {
    return this.uow.scope() ? work() : this.uow.run({}, work);
  }
}

function toView(user: User): UserView {
  return { id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerified, status: user.status, platformAdmin: user.platformAdmin };
}
