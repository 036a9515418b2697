import { Query } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';

export interface MeView {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  phone: string | null;
  backupEmail: string | null;
  backupEmailVerified: boolean;
  avatarUrl: string | null;
  platformAdmin: boolean;
  status: string;
  deletionScheduledFor: string | null;
  company: { id: string; role: string | null; permissions: string[] } | null;
}

export class GetMe extends Query<MeView> {
  constructor(readonly principal: Principal) {
    super();
  }
}
