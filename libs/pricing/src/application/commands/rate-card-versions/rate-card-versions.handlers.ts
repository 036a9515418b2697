import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, FieldError, newId } from '@shipcrowd/kernel';
import { assertEditable } from '../../../domain/rate-card';
import { RateCardTerms, validateTerms, withDefaults } from '../../../domain/terms';
import { PricingStore } from '../../../infrastructure/persistence/pricing-store';
import { PricingChanges } from '../../pricing-changes';
import { RateCardView, toRateCardView } from '../../rate-card-view';
import { AddRateCardVersion, EditRateCardVersion, VersionChanges } from './rate-card-versions.commands';

function resolve(changes: VersionChanges, current: { terms: RateCardTerms; effectiveFrom: Date; effectiveTo: Date | null; notes: string | null }, now: Date) {
  const terms = changes.terms ? withDefaults(changes.terms) : current.terms;
  const effectiveFrom = changes.effectiveFrom === undefined ? current.effectiveFrom : (changes.effectiveFrom ?? now);
  const effectiveTo = changes.effectiveTo === undefined ? current.effectiveTo : changes.effectiveTo;
  const errors: FieldError[] = validateTerms(terms);
  if (effectiveTo && effectiveTo <= effectiveFrom) errors.push({ field: 'effectiveTo', message: 'must be after effectiveFrom', code: 'pricing.invalid_dates' });
  if (errors.length) throw new DomainError('validation.failed', 'The rate card version is invalid', 'validation', { errors });
  return { terms, effectiveFrom, effectiveTo, notes: changes.notes === undefined ? current.notes : changes.notes };
}

@CommandHandler(AddRateCardVersion)
export class AddRateCardVersionHandler implements ICommandHandler<AddRateCardVersion, RateCardView> {
  constructor(
    private readonly changes: PricingChanges,
    private readonly store: PricingStore,
  ) {}

  execute({ rateCardId, changes, adminUserId }: AddRateCardVersion): Promise<RateCardView> {
    return this.changes.run({ system: true, userId: adminUserId }, async (now) => {
      const card = await this.changes.loadCard(rateCardId);
      if (card.retiredAt) throw new DomainError('rate_card.retired', `Rate card ${rateCardId} is retired; create a new card`, 'conflict');
      const open = card.versions.find((v) => v.status === 'draft' || v.status === 'pending_approval');
      if (open) throw new DomainError('rate_card.open_version', `Version ${open.version} is still ${open.status}; finish or edit it first`, 'conflict');
      const latest = card.versions[0];
      // A new version starts now unless told otherwise (not at the old version's start).
      const values = resolve({ effectiveFrom: null, effectiveTo: null, ...changes }, latest, now);
      const version = latest.version + 1;
      await this.store.insertVersion({ id: newId(), rateCardId, companyId: card.companyId, version, status: 'draft', ...values, createdBy: adminUserId, createdAt: now, updatedAt: now });
      await this.changes.auditCard('pricing.rate_card_version_created', adminUserId, card, { before: { version: latest.version }, after: { version, terms: values.terms } });
      return toRateCardView((await this.store.card(rateCardId))!);
    });
  }
}

@CommandHandler(EditRateCardVersion)
export class EditRateCardVersionHandler implements ICommandHandler<EditRateCardVersion, RateCardView> {
  constructor(
    private readonly changes: PricingChanges,
    private readonly store: PricingStore,
  ) {}

  execute({ rateCardId, version, changes, adminUserId }: EditRateCardVersion): Promise<RateCardView> {
    return this.changes.changeVersion(rateCardId, version, adminUserId, async (card, v, now) => {
      assertEditable({ status: v.status, createdBy: v.createdBy ?? '', submittedBy: v.submittedBy }, version);
      const values = resolve(changes, v, now);
      await this.store.updateVersion(v.id, { ...values, status: 'draft', rejectReason: null, reviewedBy: null, reviewedAt: null, submittedBy: null, submittedAt: null, updatedAt: now });
      await this.changes.auditCard('pricing.rate_card_version_edited', adminUserId, card, { before: { version, status: v.status, terms: v.terms }, after: { version, terms: values.terms } });
    });
  }
}
