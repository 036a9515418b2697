import { Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { UnitOfWork } from '@shipcrowd/platform';
import { EmailTokenPurpose, EmailTokenRecord, EmailTokenRepository } from '../../domain';
import { emailTokens } from './identity.schema';

@Injectable()
export class DrizzleEmailTokenRepository extends EmailTokenRepository {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async add(token: Omit<EmailTokenRecord, 'usedAt'>): Promise<void> {
    await this.uow.tx().insert(emailTokens).values(token);
  }

  async findByHash(tokenHash: string): Promise<EmailTokenRecord | null> {
    const [row] = await this.uow.tx().select().from(emailTokens).where(eq(emailTokens.tokenHash, tokenHash)).limit(1);
    return row ?? null;
  }

  async markUsed(id: string, now: Date): Promise<boolean> {
    const rows = await this.uow
      .tx()
      .update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.id, id), isNull(emailTokens.usedAt)))
      .returning({ id: emailTokens.id });
    return rows.length === 1;
  }

  async invalidate(userId: string, purpose: EmailTokenPurpose, now: Date): Promise<void> {
    await this.uow
      .tx()
      .update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
  }
}
