import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { TenantScope, UnitOfWork } from '@shipcrowd/platform';
import type { PricingTier } from '../domain/rate-card';
import { DEFAULT_SELECTION_WEIGHTS, SelectionWeights } from '../domain/selection';
import { InForceCard, PricingStore } from '../infrastructure/persistence/pricing-store';

export interface PlatformPricing {
  cards: InForceCard[];
  performance: Map<string, number>;
}

export interface CompanyPricing {
  cards: InForceCard[];
  tier: PricingTier;
  weights: SelectionWeights;
}

/** How long an in-process snapshot is trusted even when the revision did not move (time-based activations). */
const MAX_AGE_MS = 30_000;
const MAX_COMPANIES = 5_000;

interface Entry<T> {
  revision: number;
  loadedAt: number;
  value: Promise<T>;
}

/**
 * In-process read models for quoting, keyed by the pricing revision: the platform cards in force and courier
 * performance (one copy), and per company its overrides, tier and weights. A new revision (any
 * committed pricing change, in any process) or 30 s of age reloads them.
 */
@Injectable()
export class PricingSnapshot {
  private platformEntry: Entry<PlatformPricing> | null = null;
  private readonly companies = new Map<string, Entry<CompanyPricing>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PricingStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private read<T>(scope: TenantScope, work: () => Promise<T>): Promise<T> {
    return readScoped(this.uow, scope, work);
  }

  platform(revision: number): Promise<PlatformPricing> {
    const now = this.clock.now();
    if (!fresh(this.platformEntry, revision, now)) {
      const value = this.read({ system: true }, async () => {
        const cards = await this.store.inForce(now, null);
        const performance = await this.store.performance();
        return { cards, performance: new Map(performance.map((p) => [p.courier, p.score])) };
      });
      this.platformEntry = { revision, loadedAt: now.getTime(), value };
      value.catch(() => (this.platformEntry = null));
    }
    return this.platformEntry!.value;
  }

  company(companyId: string, revision: number): Promise<CompanyPricing> {
    const now = this.clock.now();
    const entry = this.companies.get(companyId);
    if (entry && fresh(entry, revision, now)) return entry.value;
    const value = (async () => {
      return this.read({ companyId }, async () => ({
        cards: await this.store.inForce(now, companyId),
        tier: await this.store.tier(companyId),
        weights: (await this.store.preferences(companyId)) ?? DEFAULT_SELECTION_WEIGHTS,
      }));
    })();
    if (this.companies.size >= MAX_COMPANIES) this.companies.delete(this.companies.keys().next().value as string);
    this.companies.delete(companyId);
    this.companies.set(companyId, { revision, loadedAt: now.getTime(), value });
    value.catch(() => this.companies.delete(companyId));
    return value;
  }
}

/**
 * Reads join the caller's open unit of work when there is one (another context quoting inside its own command:
 * a second transaction would deadlock PGlite's single connection); otherwise they open a read transaction.
 */
export function readScoped<T>(uow: UnitOfWork, scope: TenantScope, work: () => Promise<T>): Promise<T> {
  return uow.scope() ? work() : uow.run(scope, work);
}

function fresh<T>(entry: Entry<T> | null, revision: number, now: Date): entry is Entry<T> {
  return !!entry && entry.revision === revision && now.getTime() - entry.loadedAt < MAX_AGE_MS;
}
