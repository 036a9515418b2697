import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { courierService } from '@shipcrowd/couriers/contracts';
import { DomainError, FieldError, newId } from '@shipcrowd/kernel';
import { MAX_ACTIVE_COMPANY_CARDS, RATE_CARD_SCOPES } from '../../../domain/rate-card';
import { validateTerms, withDefaults } from '../../../domain/terms';
import { PricingStore } from '../../../infrastructure/persistence/pricing-store';
import { PricingChanges } from '../../pricing-changes';
import { RateCardView, toRateCardView } from '../../rate-card-view';
import { CreateRateCard } from './create-rate-card.command';

@CommandHandler(CreateRateCard)
export class CreateRateCardHandler implements ICommandHandler<CreateRateCard, RateCardView> {
  constructor(
    private readonly changes: PricingChanges,
    private readonly store: PricingStore,
  ) {}

  execute({ input, adminUserId }: CreateRateCard): Promise<RateCardView> {
    const errors: FieldError[] = [];
    if (!RATE_CARD_SCOPES.includes(input.scope)) errors.push({ field: 'scope', message: `must be one of ${RATE_CARD_SCOPES.join(', ')}`, code: 'pricing.invalid_scope' });
    if (input.scope === 'company' && !input.companyId) errors.push({ field: 'companyId', message: 'is required for a company card', code: 'pricing.company_required' });
    if (input.scope !== 'company' && input.companyId) errors.push({ field: 'companyId', message: 'only company cards belong to a company', code: 'pricing.company_not_allowed' });
    const service = courierService(input.courier, input.service);
    if (!service) errors.push({ field: 'service', message: `${input.courier}/${input.service} is not in the courier catalogue`, code: 'pricing.unknown_service' });
    const terms = withDefaults(input.terms);
    errors.push(...validateTerms(terms));
    const from = input.effectiveFrom ?? null;
    if (from && input.effectiveTo && input.effectiveTo <= from) errors.push({ field: 'effectiveTo', message: 'must be after effectiveFrom', code: 'pricing.invalid_dates' });
    if (errors.length) throw new DomainError('validation.failed', 'The rate card is invalid', 'validation', { errors });

    return this.changes.run({ system: true, userId: adminUserId }, async (now) => {
      if (input.scope === 'company' && input.companyId) {
        const active = await this.store.activeCompanyCardCount(input.companyId);
        if (active >= MAX_ACTIVE_COMPANY_CARDS) {
          throw new DomainError('rate_card.company_limit', `Company ${input.companyId} already has ${active} active rate cards (at most ${MAX_ACTIVE_COMPANY_CARDS}); retire one first`, 'conflict', { limit: MAX_ACTIVE_COMPANY_CARDS });
        }
      }
      const id = newId();
      const card = { id, scope: input.scope, companyId: input.companyId ?? null, courier: input.courier, service: input.service, name: input.name?.trim() || `${service!.name} (${input.scope})`, createdBy: adminUserId, createdAt: now };
      await this.store.insertCard(card, {
        id: newId(),
        rateCardId: id,
        companyId: card.companyId,
        version: 1,
        status: 'draft',
        terms,
        effectiveFrom: from ?? now,
        effectiveTo: input.effectiveTo ?? null,
        notes: input.notes ?? null,
        createdBy: adminUserId,
        createdAt: now,
        updatedAt: now,
      });
      await this.changes.auditCard('pricing.rate_card_created', adminUserId, card, { after: { version: 1, terms } });
      return toRateCardView((await this.store.card(id))!);
    });
  }
}
