import { Injectable } from '@nestjs/common';
import { and, eq, lte } from 'drizzle-orm';
import { UnitOfWork, updateVersioned } from '@shipcrowd/platform';
import { User, UserRepository } from '../../domain';
import { users } from './identity.schema';

type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  const { id, version, ...props } = row;
  return User.restore(id, version, props);
}

@Injectable()
export class DrizzleUserRepository extends UserRepository {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async findById(id: string): Promise<User | null> {
    const [row] = await this.uow.tx().select().from(users).where(eq(users.id, id)).limit(1);
    return row ? toUser(row) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const [row] = await this.uow.tx().select().from(users).where(eq(users.email, email)).limit(1);
    return row ? toUser(row) : null;
  }

  async findByGoogleSubject(subject: string): Promise<User | null> {
    const [row] = await this.uow.tx().select().from(users).where(eq(users.googleSubject, subject)).limit(1);
    return row ? toUser(row) : null;
  }

  async add(user: User): Promise<void> {
    await this.uow.tx().insert(users).values({ id: user.id, version: 1, ...user.snapshot });
    user.markSaved(1);
    await this.uow.publish(user.pullEvents());
  }

  async save(user: User): Promise<void> {
    const version = await updateVersioned(this.uow.tx(), users, 'User', user.id, user.version, { ...user.snapshot });
    user.markSaved(version);
    await this.uow.publish(user.pullEvents());
  }

  async dueForDeletion(now: Date, limit: number): Promise<string[]> {
    const rows = await this.uow
      .tx()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.status, 'pending_deletion'), lte(users.deletionScheduledFor, now)))
      .orderBy(users.deletionScheduledFor)
      .limit(limit)
      .for('update', { skipLocked: true });
    return rows.map((r) => r.id);
  }

  async delete(id: string): Promise<void> {
    await this.uow.tx().delete(users).where(eq(users.id, id));
  }
}

