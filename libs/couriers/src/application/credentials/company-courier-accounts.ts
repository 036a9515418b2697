import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { CourierCredentialStore, StoredCredentials } from '../../infrastructure/persistence/courier-credential-store';
import { courierWebhookPath } from '../../infrastructure/sandbox/courier-sandbox-webhooks';

/** How long a looked-up account (or its absence) is trusted; other processes' rotations show within this time. */
export const ACCOUNT_CACHE_MS = 30_000;
/** Accounts held at most (the oldest looked-up go first). */
const MAX_CACHED = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the courier pushes scans for one company's own account (the seller pastes it into the courier's panel). */
export function accountWebhookPath(courier: string, accountId: string): string {
  return `${courierWebhookPath(courier)}/accounts/${accountId}`;
}

export type CompanyCourierAccount = StoredCredentials & { companyId: string };

interface Cached {
  account: CompanyCourierAccount | null;
  expiresAt: number;
}

/**
 * Companies' own courier accounts by id, unsealed, held briefly in memory: a courier pushing a flood of webhooks to
 * one account reads its row once per ACCOUNT_CACHE_MS, not once per request. Concurrent misses share one read;
 * unknown ids are remembered too. An entry is one version of the row: this process forgets it as soon as the
 * credentials are replaced or removed (the credential handlers call forget()); other processes read the new
 * version within ACCOUNT_CACHE_MS.
 */
@Injectable()
export class CompanyCourierAccounts {
  private readonly cached = new Map<string, Cached>();
  private readonly reading = new Map<string, Promise<CompanyCourierAccount | null>>();
  /** Bumped by forget(): a read that started before is answered but not kept (it may hold the replaced row). */
  private forgotten = 0;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CourierCredentialStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The account, or null when there is none with this id (or its row does not open). */
  async get(accountId: string): Promise<CompanyCourierAccount | null> {
    if (!UUID.test(accountId)) return null;
    const id = accountId.toLowerCase();
    const hit = this.cached.get(id);
    if (hit && hit.expiresAt > this.clock.now().getTime()) return hit.account;
    const pending = this.reading.get(id);
    if (pending) return pending;
    const read = this.read(id).finally(() => {
      if (this.reading.get(id) === read) this.reading.delete(id);
    });
    this.reading.set(id, read);
    return read;
  }

  /** Drops what this process holds of an account (its credentials were replaced or removed). */
  forget(accountId: string): void {
    const id = accountId.toLowerCase();
    this.forgotten += 1;
    this.cached.delete(id);
    this.reading.delete(id);
  }

  private async read(id: string): Promise<CompanyCourierAccount | null> {
    const generation = this.forgotten;
    const stored = await this.uow.run({ system: true }, () => this.store.findAccount(id));
    const account = stored?.companyId ? (stored as CompanyCourierAccount) : null;
    if (generation === this.forgotten) {
      this.cached.delete(id);
      this.cached.set(id, { account, expiresAt: this.clock.now().getTime() + ACCOUNT_CACHE_MS });
      if (this.cached.size > MAX_CACHED) this.cached.delete(this.cached.keys().next().value!);
    }
    return account;
  }
}
