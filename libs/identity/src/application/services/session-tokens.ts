import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { COMPANIES_FACADE, CompaniesFacade, MembershipView } from '@shipcrowd/companies/contracts';
import { Clock, CLOCK, newId } from '@shipcrowd/kernel';
import { AccessTokenClaims, APP_CONFIG, AppConfig } from '@shipcrowd/platform';
import { deviceFingerprint, deviceLabel, RefreshTokenRepository, SessionRecord, SessionRepository } from '../../domain';
import type { ClientInfo } from './client-info';
import { hashToken, randomToken } from './secret-tokens';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface CompanyContext {
  companyId: string;
  role: string;
  permissions: string[];
}

/** Sessions and the tokens that belong to them: an access JWT (stateless) and a rotating opaque refresh token. */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    @Inject(COMPANIES_FACADE) private readonly companies: CompaniesFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The company the tokens act for: the preferred one (the last used) if still an active membership,
   * else the first active membership, else none. Call OUTSIDE a unit of work (the facade opens its own).
   */
  async resolveCompany(userId: string, preferredCompanyId: string | null): Promise<CompanyContext | null> {
    if (preferredCompanyId) {
      const membership = await this.companies.membershipOf(userId, preferredCompanyId);
      if (membership?.status === 'active') return toContext(membership);
    }
    const all = await this.companies.membershipsOf(userId);
    const first = all.find((m) => m.status === 'active');
    return first ? toContext(first) : null;
  }

  async membership(userId: string, companyId: string): Promise<CompanyContext | null> {
    const membership = await this.companies.membershipOf(userId, companyId);
    return membership?.status === 'active' ? toContext(membership) : null;
  }

  /** Inside a unit of work: a new session (new refresh-token family) and its first tokens. */
  async startSession(user: { id: string; platformAdmin: boolean }, company: CompanyContext | null, client: ClientInfo): Promise<{ session: SessionRecord; tokens: TokenPair; knownDevice: boolean }> {
    const now = this.clock.now();
    const fingerprint = deviceFingerprint(client.userAgent, client.ip);
    const knownDevice = await this.sessions.hasSeenDevice(user.id, fingerprint);
    const session: SessionRecord = {
      id: newId(),
      userId: user.id,
      familyId: newId(),
      companyId: company?.companyId ?? null,
      deviceLabel: deviceLabel(client.userAgent),
      deviceFingerprint: fingerprint,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: this.refreshExpiry(now),
      revokedAt: null,
      revokedReason: null,
    };
    await this.sessions.add(session);
    return { session, tokens: await this.issue(user, session, company), knownDevice };
  }

  /** Inside a unit of work: a fresh access token and refresh token for an existing session. */
  async issue(user: { id: string; platformAdmin: boolean }, session: Pick<SessionRecord, 'id' | 'familyId'>, company: CompanyContext | null): Promise<TokenPair> {
    const now = this.clock.now();
    const refreshToken = randomToken();
    await this.refreshTokens.add({ id: newId(), sessionId: session.id, familyId: session.familyId, tokenHash: hashToken(refreshToken), expiresAt: this.refreshExpiry(now) });
    const claims: AccessTokenClaims = {
      sub: user.id,
      cid: company?.companyId ?? null,
      sid: session.id,
      role: company?.role ?? null,
      perms: company?.permissions ?? [],
      pa: user.platformAdmin,
      typ: 'access',
    };
    const accessToken = await this.jwt.signAsync({ ...claims });
    return { accessToken, refreshToken, expiresIn: this.config.JWT_ACCESS_TTL_SECONDS, tokenType: 'Bearer' };
  }

  refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
  }
}

function toContext(m: MembershipView): CompanyContext {
  return { companyId: m.companyId, role: m.role, permissions: [...m.permissions] };
}
