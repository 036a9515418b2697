import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { COMPANIES_FACADE, CompaniesFacade } from '@shipcrowd/companies/contracts';
import { Clock, CLOCK } from '@shipcrowd/kernel';
import { ApiKeyVerifier, Principal, UnitOfWork } from '@shipcrowd/platform';
import { ApiKeyRecord, ApiKeyRepository, IdentityErrors, parseApiKey, UserRepository } from '../../domain';
import { ApiKeyCreatorCache } from '../ports';
import { hashToken } from './secret-tokens';

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Plugged into the platform guard: `X-Api-Key: sc_live_<prefix>_<secret>` → a principal limited to the key's scopes.
 * A key acts for the person who created it, so it works only while that person is an active member of the key's
 * company with an active account; the answer is cached briefly (ApiKeyCreatorCache, ≤ 30 s) and evicted as soon
 * as the member is removed or deactivated.
 */
@Injectable()
export class IdentityApiKeyVerifier implements ApiKeyVerifier {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    private readonly users: UserRepository,
    private readonly creators: ApiKeyCreatorCache,
    @Inject(COMPANIES_FACADE) private readonly companies: CompaniesFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async verify(rawKey: string): Promise<Principal | null> {
    const parsed = parseApiKey(rawKey);
    if (!parsed) return null;
    const now = this.clock.now();
    // The company is unknown until the key is found: the lookup by its unique prefix is system work.
    const key = await this.uow.run({ system: true }, async () => {
      const key = await this.keys.findByPrefix(parsed.prefix);
      if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
      const expected = Buffer.from(key.secretHash, 'hex');
      const actual = Buffer.from(hashToken(parsed.secret), 'hex');
      return expected.length === actual.length && timingSafeEqual(expected, actual) ? key : null;
    });
    if (!key) return null;
    // Only a caller holding the right secret learns why the key stopped working.
    if (!(await this.creatorIsActive(key))) throw IdentityErrors.apiKeyCreatorInactive();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.uow.run({ system: true }, () => this.keys.touchLastUsed(key.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)));
    }
    return { userId: key.createdByUserId, companyId: key.companyId, role: null, permissions: [...key.scopes], platformAdmin: false, via: 'api_key' as const, apiKeyId: key.id };
  }

  private async creatorIsActive(key: ApiKeyRecord): Promise<boolean> {
    const cached = await this.creators.get(key.createdByUserId, key.companyId);
    if (cached !== null) return cached;
    // Outside any unit of work: the companies facade opens its own.
    const membership = await this.companies.membershipOf(key.createdByUserId, key.companyId);
    let active = membership?.status === 'active';
    if (active) {
      const user = await this.uow.run({ system: true }, () => this.users.findById(key.createdByUserId));
      active = !!user && user.status !== 'deactivated';
    }
    await this.creators.set(key.createdByUserId, key.companyId, active);
    return active;
  }
}
