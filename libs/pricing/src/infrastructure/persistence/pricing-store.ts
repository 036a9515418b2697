import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNull, sql, SQL } from 'drizzle-orm';
import { DomainError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import type { PricingTier, RateCardScope, VersionStatus } from '../../domain/rate-card';
import type { RateCardTerms } from '../../domain/terms';
import { companyTiers, courierPerformance, quotePreferences, rateCards, rateCardVersions } from './pricing.schema';

export type RateCardRow = typeof rateCards.$inferSelect;
export type RateCardVersionRow = typeof rateCardVersions.$inferSelect;
export type NewRateCardVersion = typeof rateCardVersions.$inferInsert;

export interface RateCardWithVersions extends RateCardRow {
  versions: RateCardVersionRow[];
}

/** A card with the version that prices quotes now. */
export interface InForceCard {
  rateCardId: string;
  scope: RateCardScope;
  companyId: string | null;
  courier: string;
  service: string;
  name: string;
  version: number;
  terms: RateCardTerms;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}

export interface CardFilter {
  scope?: RateCardScope;
  companyId?: string;
  courier?: string;
  service?: string;
  includeRetired?: boolean;
}

/** Where a page of cards starts: after this card in (scope, courier, service, id) order. */
export interface CardPosition {
  scope: string;
  courier: string;
  service: string;
  id: string;
}

/** SQL for "this version prices quotes at `now`": active, or approved and already effective; not past effective_to. */
function inForce(now: Date): SQL {
  return sql`(${rateCardVersions.status} = 'active' or (${rateCardVersions.status} = 'approved' and ${rateCardVersions.effectiveFrom} <= ${now}))
    and (${rateCardVersions.effectiveTo} is null or ${rateCardVersions.effectiveTo} > ${now}) and ${rateCards.retiredAt} is null`;
}

/** Persistence of the pricing context. Every method runs in the caller's unit of work (uow.tx()). */
@Injectable()
export class PricingStore {
  constructor(private readonly uow: UnitOfWork) {}

  async insertCard(card: typeof rateCards.$inferInsert, version: NewRateCardVersion): Promise<void> {
    const tx = this.uow.tx();
    try {
      await tx.insert(rateCards).values(card);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('rate_card.duplicate', `A ${card.scope} card for ${card.courier}/${card.service}${card.companyId ? ` and company ${card.companyId}` : ''} already exists; add a version to it instead`, 'conflict');
      }
      throw error;
    }
    await tx.insert(rateCardVersions).values(version);
  }

  async card(id: string, lock = false): Promise<RateCardWithVersions | null> {
    const tx = this.uow.tx();
    const query = tx.select().from(rateCards).where(eq(rateCards.id, id));
    const [card] = lock ? await query.for('update') : await query;
    if (!card) return null;
    const versions = await tx.select().from(rateCardVersions).where(eq(rateCardVersions.rateCardId, id)).orderBy(desc(rateCardVersions.version));
    return { ...card, versions };
  }

  /** Up to `limit` cards in (scope, courier, service, id) order, after `after` when given, each with its versions. */
  async cards(filter: CardFilter, limit: number, after?: CardPosition): Promise<RateCardWithVersions[]> {
    const tx = this.uow.tx();
    const where = and(
      filter.scope ? eq(rateCards.scope, filter.scope) : undefined,
      filter.companyId ? eq(rateCards.companyId, filter.companyId) : undefined,
      filter.courier ? eq(rateCards.courier, filter.courier) : undefined,
      filter.service ? eq(rateCards.service, filter.service) : undefined,
      filter.includeRetired ? undefined : isNull(rateCards.retiredAt),
      after ? sql`(${rateCards.scope}, ${rateCards.courier}, ${rateCards.service}, ${rateCards.id}) > (${after.scope}, ${after.courier}, ${after.service}, ${after.id}::uuid)` : undefined,
    );
    const cards = await tx.select().from(rateCards).where(where).orderBy(asc(rateCards.scope), asc(rateCards.courier), asc(rateCards.service), asc(rateCards.id)).limit(limit);
    if (!cards.length) return [];
    const versions = await tx
      .select()
      .from(rateCardVersions)
      .where(inArray(rateCardVersions.rateCardId, cards.map((c) => c.id)))
      .orderBy(desc(rateCardVersions.version));
    return cards.map((c) => ({ ...c, versions: versions.filter((v) => v.rateCardId === c.id) }));
  }

  async insertVersion(version: NewRateCardVersion): Promise<void> {
    await this.uow.tx().insert(rateCardVersions).values(version);
  }

  async updateVersion(id: string, values: Partial<NewRateCardVersion>): Promise<RateCardVersionRow> {
    const [row] = await this.uow.tx().update(rateCardVersions).set(values).where(eq(rateCardVersions.id, id)).returning();
    return row;
  }

  async retireCard(id: string, by: string, reason: string | null, at: Date): Promise<void> {
    const tx = this.uow.tx();
    await tx.update(rateCards).set({ retiredAt: at, retiredBy: by, retiredReason: reason, version: sql`${rateCards.version} + 1` }).where(eq(rateCards.id, id));
    await tx
      .update(rateCardVersions)
      .set({ status: 'retired', retiredAt: at, updatedAt: at })
      .where(and(eq(rateCardVersions.rateCardId, id), inArray(rateCardVersions.status, ['active', 'approved'])));
  }

  async deleteCard(id: string): Promise<void> {
    await this.uow.tx().delete(rateCards).where(eq(rateCards.id, id));
  }

  /** Live company-override cards of a company that have an active version. */
  async activeCompanyCardCount(companyId: string): Promise<number> {
    const [row] = await this.uow
      .tx()
      .select({ n: sql<number>`count(distinct ${rateCards.id})::int` })
      .from(rateCards)
      .innerJoin(rateCardVersions, eq(rateCardVersions.rateCardId, rateCards.id))
      .where(and(eq(rateCards.scope, 'company'), eq(rateCards.companyId, companyId), isNull(rateCards.retiredAt), eq(rateCardVersions.status, 'active')));
    return row.n;
  }

  /** Approved versions whose effective_from has come (activation candidates). */
  async dueVersions(now: Date): Promise<{ rateCardId: string; version: number }[]> {
    return this.uow
      .tx()
      .select({ rateCardId: rateCardVersions.rateCardId, version: rateCardVersions.version })
      .from(rateCardVersions)
      .innerJoin(rateCards, eq(rateCards.id, rateCardVersions.rateCardId))
      .where(and(eq(rateCardVersions.status, 'approved'), sql`${rateCardVersions.effectiveFrom} <= ${now}`, isNull(rateCards.retiredAt)))
      .orderBy(asc(rateCardVersions.effectiveFrom), asc(rateCardVersions.version));
  }

  /**
   * Cards in force at `now`, with the version that prices (the highest in force): platform cards
   * (company_id null) when `companyId` is null, else that company's overrides.
   */
  async inForce(now: Date, companyId: string | null): Promise<InForceCard[]> {
    const rows = await this.uow
      .tx()
      .selectDistinctOn([rateCardVersions.rateCardId], {
        rateCardId: rateCardVersions.rateCardId,
        scope: rateCards.scope,
        companyId: rateCards.companyId,
        courier: rateCards.courier,
        service: rateCards.service,
        name: rateCards.name,
        version: rateCardVersions.version,
        terms: rateCardVersions.terms,
        effectiveFrom: rateCardVersions.effectiveFrom,
        effectiveTo: rateCardVersions.effectiveTo,
      })
      .from(rateCardVersions)
      .innerJoin(rateCards, eq(rateCards.id, rateCardVersions.rateCardId))
      .where(and(companyId ? eq(rateCards.companyId, companyId) : isNull(rateCards.companyId), inForce(now)))
      .orderBy(rateCardVersions.rateCardId, desc(rateCardVersions.version));
    return rows;
  }

  async hasPlatformBaseCards(): Promise<boolean> {
    const [row] = await this.uow.tx().select({ id: rateCards.id }).from(rateCards).where(and(eq(rateCards.scope, 'base'), isNull(rateCards.companyId))).limit(1);
    return !!row;
  }

  async tier(companyId: string): Promise<PricingTier> {
    const [row] = await this.uow.tx().select({ tier: companyTiers.tier }).from(companyTiers).where(eq(companyTiers.companyId, companyId));
    return row?.tier ?? 'standard';
  }

  async setTier(companyId: string, tier: PricingTier, by: string, at: Date): Promise<PricingTier> {
    const previous = await this.tier(companyId);
    await this.uow
      .tx()
      .insert(companyTiers)
      .values({ companyId, tier, updatedBy: by, updatedAt: at })
      .onConflictDoUpdate({ target: companyTiers.companyId, set: { tier, updatedBy: by, updatedAt: at } });
    return previous;
  }

  async preferences(companyId: string): Promise<{ cost: number; speed: number; performance: number } | null> {
    const [row] = await this.uow.tx().select({ cost: quotePreferences.cost, speed: quotePreferences.speed, performance: quotePreferences.performance }).from(quotePreferences).where(eq(quotePreferences.companyId, companyId));
    return row ?? null;
  }

  async setPreferences(companyId: string, w: { cost: number; speed: number; performance: number }, by: string, at: Date): Promise<void> {
    await this.uow
      .tx()
      .insert(quotePreferences)
      .values({ companyId, ...w, updatedBy: by, updatedAt: at })
      .onConflictDoUpdate({ target: quotePreferences.companyId, set: { ...w, updatedBy: by, updatedAt: at } });
  }

  async performance(): Promise<{ courier: string; score: number; updatedAt: Date; updatedBy: string | null }[]> {
    return this.uow.tx().select({ courier: courierPerformance.courier, score: courierPerformance.score, updatedAt: courierPerformance.updatedAt, updatedBy: courierPerformance.updatedBy }).from(courierPerformance);
  }

  async setPerformance(courier: string, score: number, by: string | null, at: Date): Promise<number | null> {
    const [previous] = await this.uow.tx().select({ score: courierPerformance.score }).from(courierPerformance).where(eq(courierPerformance.courier, courier));
    await this.uow
      .tx()
      .insert(courierPerformance)
      .values({ courier, score, updatedBy: by, updatedAt: at })
      .onConflictDoUpdate({ target: courierPerformance.courier, set: { score, updatedBy: by, updatedAt: at } });
    return previous?.score ?? null;
  }
}

export function versionHasBeenApproved(v: { status: VersionStatus; reviewedAt: Date | null }): boolean {
  return v.status === 'approved' || v.status === 'active' || v.status === 'retired';
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

