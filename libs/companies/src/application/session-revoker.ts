import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { IDENTITY_FACADE, IdentityFacade } from '@shipcrowd/identity/contracts';

/**
 * Signs a member out everywhere after they lose access (called after commit). Identity provides the
 * facade; a process without identity (e.g. a tool) gets a warning instead of a crash.
 */
@Injectable()
export class SessionRevoker {
  private readonly logger = new Logger('companies');

  constructor(@Optional() @Inject(IDENTITY_FACADE) private readonly identity?: IdentityFacade) {}

  async revokeAll(userId: string, reason: string): Promise<void> {
    if (!this.identity) {
      this.logger.warn({ userId, reason }, 'IDENTITY_FACADE is not provided: sessions were not revoked');
      return;
    }
    await this.identity.revokeAllSessions(userId, reason);
  }
}
