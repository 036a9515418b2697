import { DomainError } from '@shipcrowd/kernel';

/** base: every company; b2b: B2B freight requests; vip: companies on the vip tier; company: one company's override. */
export type RateCardScope = 'base' | 'b2b' | 'vip' | 'company';
export const RATE_CARD_SCOPES: readonly RateCardScope[] = ['base', 'b2b', 'vip', 'company'];

export type PricingTier = 'standard' | 'vip';

/**
 * draft -> pending_approval -> approved -> active -> retired; pending_approval -> rejected (with a reason);
 * a rejected or draft version can be edited (a rejected one goes back to draft). Approved, active and
 * retired versions never change their terms or dates (the database refuses it too).
 */
export type VersionStatus = 'draft' | 'pending_approval' | 'approved' | 'active' | 'rejected' | 'retired';

/** At most this many active company-override cards per company. */
export const MAX_ACTIVE_COMPANY_CARDS = 10;

export interface VersionFacts {
  status: VersionStatus;
  createdBy: string;
  submittedBy: string | null;
}

const conflict = (code: string, message: string) => new DomainError(code, message, 'conflict');

export function assertEditable(v: VersionFacts, version: number): void {
  if (v.status !== 'draft' && v.status !== 'rejected') {
    throw conflict('rate_card.version_immutable', `Version ${version} is ${v.status}: only draft or rejected versions can be edited; create a new version instead`);
  }
}

export function assertCanSubmit(v: VersionFacts, version: number): void {
  if (v.status !== 'draft') throw conflict('rate_card.invalid_transition', `Version ${version} is ${v.status}; only a draft can be submitted for approval`);
}

/** Maker-checker: the approver (or rejecter) must be a different platform admin from the one who made or submitted the version. */
export function assertCanReview(v: VersionFacts, version: number, reviewerId: string): void {
  if (v.status !== 'pending_approval') throw conflict('rate_card.invalid_transition', `Version ${version} is ${v.status}; only a version pending approval can be approved or rejected`);
  if (reviewerId === v.createdBy || reviewerId === v.submittedBy) {
    throw new DomainError('rate_card.same_admin', 'A different platform admin must review this version (maker-checker): you created or submitted it', 'forbidden');
  }
}

export function assertCanActivate(v: VersionFacts, version: number, effectiveFrom: Date, now: Date): void {
  if (v.status !== 'approved') throw conflict('rate_card.invalid_transition', `Version ${version} is ${v.status}; only an approved version can be activated`);
  if (effectiveFrom.getTime() > now.getTime()) {
    throw conflict('rate_card.not_yet_effective', `Version ${version} becomes effective at ${effectiveFrom.toISOString()}; it activates by itself then`);
  }
}

export interface CardFacts {
  scope: RateCardScope;
  courier: string;
  service: string;
  hasActiveVersion: boolean;
  /** Some version was ever approved (history that must be kept). */
  everApproved: boolean;
}

/** Why retiring this card is refused (null = allowed). Base cards are the last resort of every quote. */
export function retireRefusal(card: CardFacts): string | null {
  if (card.scope === 'base' && card.hasActiveVersion) {
    return `It is the active base card for ${card.courier}/${card.service}: every company without an override quotes ${card.courier} ${card.service} with it. Publish a new version instead of retiring it.`;
  }
  return null;
}

/** Why deleting this card is refused (null = allowed): only cards that never priced anything may go. */
export function deleteRefusal(card: CardFacts): string | null {
  if (card.hasActiveVersion) return `It has an active version that prices ${card.courier} ${card.service} quotes${card.scope === 'base' ? ' for every company without an override' : ''}; retire it (or publish a replacement) first.`;
  if (card.everApproved) return 'It has approved history, which is kept for audit: retire it instead of deleting it.';
  return null;
}

export interface ApplicableCard {
  scope: RateCardScope;
  companyId: string | null;
}

/**
 * Which active card prices a quote for one courier/service: the company's own override, then vip (when
 * the company is on the vip tier), then b2b (for B2B requests or freight services), then base.
 */
export function pickApplicableCard<T extends ApplicableCard>(cards: readonly T[], who: { companyId: string; tier: PricingTier; b2b: boolean }): T | null {
  const find = (scope: RateCardScope) => cards.find((c) => c.scope === scope && (scope !== 'company' || c.companyId === who.companyId));
  return find('company') ?? (who.tier === 'vip' ? find('vip') : undefined) ?? (who.b2b ? find('b2b') : undefined) ?? find('base') ?? null;
}

export function scopeLabel(scope: RateCardScope): string {
  return { base: 'platform base card', b2b: 'B2B card', vip: 'VIP tier card', company: "company's own card" }[scope];
}
