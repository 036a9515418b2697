import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { User, UserRepository } from '../../domain';
import type { ClientInfo } from './client-info';
import { IdentityAudit } from './identity-audit';
import { IdentityMails } from './identity-mails';
import { CompanyContext, SessionTokens, TokenPair } from './session-tokens';

export interface SignInAudit {
  action: string;
  metadata: Record<string, unknown>;
}

/**
 * The end of every way in (password, Google): pick the company, start a session with its tokens,
 * audit the sign-in, and email the user when the device is new. Credentials are checked before this.
 */
@Injectable()
export class SignIn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly sessionTokens: SessionTokens,
    private readonly mails: IdentityMails,
    private readonly audit: IdentityAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async start(user: User, client: ClientInfo, audit: SignInAudit, options: { alertNewDevice: boolean }): Promise<{ company: CompanyContext | null; tokens: TokenPair }> {
    const company = await this.sessionTokens.resolveCompany(user.id, user.lastCompanyId);
    const companyId = company?.companyId ?? null;
    const now = this.clock.now();
    const { tokens, session, knownDevice } = await this.uow.run({ userId: user.id, companyId }, async () => {
      const started = await this.sessionTokens.startSession(user, company, client);
      if (user.lastCompanyId !== companyId) {
        user.switchedTo(companyId, now);
        await this.users.save(user);
      }
      await this.audit.record({
        action: audit.action,
        companyId,
        actorUserId: user.id,
        targetId: user.id,
        ip: client.ip,
        userAgent: client.userAgent,
        metadata: { sessionId: started.session.id, ...audit.metadata, newDevice: !started.knownDevice },
      });
      return started;
    });
    if (!knownDevice && options.alertNewDevice) await this.mails.newDevice(user.email, user.name, session.deviceLabel, session.ip, now);
    return { company, tokens };
  }
}
