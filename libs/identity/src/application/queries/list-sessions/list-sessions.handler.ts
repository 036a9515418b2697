import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { SessionRepository } from '../../../domain';
import { ListSessions, SessionView } from './list-sessions.query';

@QueryHandler(ListSessions)
export class ListSessionsHandler implements IQueryHandler<ListSessions, SessionView[]> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal }: ListSessions): Promise<SessionView[]> {
    const rows = await this.uow.run({ userId: principal.userId }, () => this.sessions.listActive(principal.userId, this.clock.now()));
    return rows.map((s) => ({
      id: s.id,
      device: s.deviceLabel,
      ip: s.ip,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      current: s.id === principal.sessionId,
    }));
  }
}
