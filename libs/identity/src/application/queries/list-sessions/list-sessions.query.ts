import { Query } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';

export interface SessionView {
  id: string;
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export class ListSessions extends Query<SessionView[]> {
  constructor(readonly principal: Principal) {
    super();
  }
}
