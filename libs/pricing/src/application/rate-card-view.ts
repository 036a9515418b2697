import type { RateCardWithVersions, RateCardVersionRow } from '../infrastructure/persistence/pricing-store';
import type { RateCardScope, VersionStatus } from '../domain/rate-card';
import type { RateCardTerms } from '../domain/terms';

export interface RateCardVersionView {
  version: number;
  status: VersionStatus;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  terms: RateCardTerms;
  notes: string | null;
  createdBy: string | null;
  createdAt: Date;
  submittedBy: string | null;
  submittedAt: Date | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  rejectReason: string | null;
  activatedAt: Date | null;
  retiredAt: Date | null;
}

export interface RateCardView {
  id: string;
  scope: RateCardScope;
  companyId: string | null;
  courier: string;
  service: string;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  retiredAt: Date | null;
  retiredReason: string | null;
  /** The active version's number, or null. */
  activeVersion: number | null;
  /** Newest first. */
  versions: RateCardVersionView[];
}

export function toVersionView(v: RateCardVersionRow): RateCardVersionView {
  return {
    version: v.version,
    status: v.status,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    terms: v.terms,
    notes: v.notes,
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    submittedBy: v.submittedBy,
    submittedAt: v.submittedAt,
    reviewedBy: v.reviewedBy,
    reviewedAt: v.reviewedAt,
    rejectReason: v.rejectReason,
    activatedAt: v.activatedAt,
    retiredAt: v.retiredAt,
  };
}

export function toRateCardView(card: RateCardWithVersions): RateCardView {
  return {
    id: card.id,
    scope: card.scope,
    companyId: card.companyId,
    courier: card.courier,
    service: card.service,
    name: card.name,
    createdBy: card.createdBy,
    createdAt: card.createdAt,
    retiredAt: card.retiredAt,
    retiredReason: card.retiredReason,
    activeVersion: card.versions.find((v) => v.status === 'active')?.version ?? null,
    versions: card.versions.map(toVersionView),
  };
}
