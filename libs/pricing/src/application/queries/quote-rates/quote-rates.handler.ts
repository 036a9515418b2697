import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { COMPANIES_FACADE, CompaniesFacade } from '@shipcrowd/companies/contracts';
import { courierProfile, courierService } from '@shipcrowd/couriers/contracts';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { CLOCK, Clock, DomainError, FieldError } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig } from '@shipcrowd/platform';
import { SERVICEABILITY_FACADE, ServiceabilityAnswer, ServiceabilityFacade } from '@shipcrowd/serviceability/contracts';
import type { Quote, QuoteOption, QuoteRequest } from '../../../../contracts';
import { volumetricGrams, priceShipment } from '../../../domain/pricing';
import { pickApplicableCard } from '../../../domain/rate-card';
import { Candidate, NEUTRAL_PERFORMANCE, pickRecommended, recommendationReason, scoreCandidates } from '../../../domain/selection';
import { indianDate } from '../../../domain/terms';
import { QuoteCache } from '../../ports/quote-cache.port';
import { CompanyPricing, PlatformPricing, PricingSnapshot } from '../../pricing-snapshot';
import { QuoteRates } from './quote-rates.query';

const MAX_WEIGHT_GRAMS = 5_000_000; // 5 t: full-truck loads
const MAX_DIMENSION_CM = 1_500;
const MAX_AMOUNT_PAISE = 10_000_000_000; // Rs 10 crore

/**
 * Quotes: cache first (key = company + request + serviceability, pricing and zone revisions + Indian date),
 * else serviceability answer x the applicable card of each courier service, priced by the domain, scored
 * under the company's weights. Answers are cached for QUOTE_CACHE_TTL_SECONDS.
 */
@QueryHandler(QuoteRates)
export class QuoteRatesHandler implements IQueryHandler<QuoteRates, Quote> {
  private readonly pincodeStates = new Map<string, string>();

  constructor(
    private readonly cache: QuoteCache,
    private readonly snapshot: PricingSnapshot,
    @Inject(SERVICEABILITY_FACADE) private readonly serviceability: ServiceabilityFacade,
    @Inject(GEO_FACADE) private readonly geo: GeoFacade,
    @Inject(COMPANIES_FACADE) private readonly companies: CompaniesFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request }: QuoteRates): Promise<Quote> {
    const req = normalise(request);
    const now = this.clock.now();
    const [pricingRevision, coverageRevision, zoneRevision] = await Promise.all([this.cache.revision(), this.serviceability.revision(), this.geo.zoneRevision(req.companyId)]);
    const key = createHash('sha256')
      .update(JSON.stringify(['q1', req, coverageRevision, pricingRevision, zoneRevision, indianDate(now)]))
      .digest('base64url');
    const hit = await this.cache.get(key);
    if (hit) return hit;
    const quote = this.price(req, await this.readInputs(req, pricingRevision), now);
    await this.cache.set(key, quote);
    return quote;
  }

  /**
   * Everything a miss reads: the serviceability check (zone + lanes), the billing state and the rate-card snapshots.
   * Each is kept in-process by its owner until a change signal drops it, so a warm miss reads no database; a cold
   * one reads in the caller's unit of work when it holds one, else in short read transactions of its own.
   */
  private async readInputs(req: QuoteRequest, pricingRevision: number): Promise<QuoteInputs> {
    const answer = await this.serviceability.check({
      companyId: req.companyId,
      originPincode: req.originPincode,
      destinationPincode: req.destinationPincode,
      paymentMode: req.paymentMode,
      // The lane's max weight is checked against the heavier of dead and (standard) volumetric weight.
      weightGrams: Math.max(req.weightGrams, volumetricGrams(req.dimensionsCm ?? null, 5000)),
      codAmountPaise: req.paymentMode === 'cod' ? req.codAmountPaise : undefined,
    });
    const billingState = await this.billingState(req.companyId);
    const platform = await this.snapshot.platform(pricingRevision);
    const company = await this.snapshot.company(req.companyId, pricingRevision);
    const recipient = billingState ?? (await this.pincodeState(req.originPincode));
    return { answer, billingState, recipient, platform, company };
  }

  private price(req: QuoteRequest, { answer, billingState, recipient, platform, company }: QuoteInputs, now: Date): Quote {
    const dims = req.dimensionsCm ?? null;
    const supplier = this.config.SHIPCROWD_GST_STATE_CODE;
    const recipientSource: 'billing' | 'origin_pincode' = billingState ? 'billing' : 'origin_pincode';
    const intraState = recipient === supplier;

    const wanted = req.couriers?.length ? new Set(req.couriers) : null;
    const unserviceable: Quote['unserviceable'] = answer.unserviceable.filter((u) => !wanted || wanted.has(u.courier)).map((u) => ({ courier: u.courier, service: u.service, code: u.code, reason: u.reason }));
    const cardsByService = cardsByCourierService(company, platform);
    const priced: QuoteOption[] = [];
    const candidates: Candidate[] = [];
    for (const option of answer.options) {
      if (wanted && !wanted.has(option.courier)) continue;
      const service = courierService(option.courier, option.service);
      const key = `${option.courier}/${option.service}`;
      const card = pickApplicableCard(cardsByService.get(key) ?? [], { companyId: req.companyId, tier: company.tier, b2b: !!req.b2b || !!service?.b2b });
      if (!card || !service) {
        unserviceable.push({ courier: option.courier, service: option.service, code: 'no_rate_card', reason: `No active rate card prices ${option.courier} ${option.service}` });
        continue;
      }
      const p = priceShipment({
        terms: card.terms,
        zone: option.zone,
        deadWeightGrams: req.weightGrams,
        dimensionsCm: dims,
        volumetricDivisor: service.volumetricDivisor,
        paymentMode: req.paymentMode,
        codAmountPaise: req.codAmountPaise ?? 0,
        oda: option.oda,
        intraState,
        at: now,
      });
      priced.push({
        courier: option.courier,
        service: option.service,
        courierName: courierProfile(option.courier)?.name,
        serviceName: service.name,
        rateCardId: card.rateCardId,
        rateCardVersion: card.version,
        rateCardScope: card.scope,
        zone: option.zone,
        oda: option.oda,
        chargeableWeightGrams: p.chargeableWeightGrams,
        volumetricWeightGrams: p.volumetricWeightGrams,
        expectedDeliveryDays: option.transitDays,
        lines: p.lines,
        subtotalPaise: p.subtotalPaise,
        gstPaise: p.gstPaise,
        totalPaise: p.totalPaise,
        rtoChargePaise: p.rtoChargePaise,
        score: 0,
      });
      candidates.push({ key, totalPaise: p.totalPaise, transitDays: option.transitDays, performance: platform.performance.get(option.courier) ?? NEUTRAL_PERFORMANCE });
    }

    // candidates[i] describes priced[i]
    const scores = scoreCandidates(candidates, company.weights);
    scores.forEach((s, i) => (priced[i].score = s.score));
    const options = priced
      .map((_, i) => i)
      .sort((a, b) => priced[a].totalPaise - priced[b].totalPaise || candidates[a].key.localeCompare(candidates[b].key))
      .map((i) => priced[i]);
    const best = pickRecommended(candidates, scores);
    const chosen = best ? priced[candidates.indexOf(best)] : null;
    return {
      zone: answer.zone,
      zoneReason: answer.zoneReason,
      options,
      recommended: chosen && best ? { courier: chosen.courier, service: chosen.service, reason: recommendationReason(best, candidates, chosen.score, company.weights) } : null,
      unserviceable,
      weights: { ...company.weights },
      gst: { treatment: intraState ? 'intra_state' : 'inter_state', supplierStateCode: supplier, recipientStateCode: recipient, recipientSource },
    };
  }

  private billingState(companyId: string): Promise<string | null> {
    return this.companies.billingStateCodeOf(companyId);
  }

  /** GST state of a pincode: reference data, so remembered in-process (bounded). */
  private async pincodeState(pincode: string): Promise<string> {
    const known = this.pincodeStates.get(pincode);
    if (known) return known;
    const state = (await this.geo.pincode(pincode))?.gstStateCode ?? '';
    if (state) {
      if (this.pincodeStates.size >= 20_000) this.pincodeStates.clear();
      this.pincodeStates.set(pincode, state);
    }
    return state;
  }
}

type PricingCard = PlatformPricing['cards'][number];
/** Per company snapshot: its cards and the platform's, by "courier/service" (snapshots are immutable, so grouped once). */
const groupedCards = new WeakMap<CompanyPricing, { platform: PlatformPricing; byService: Map<string, PricingCard[]> }>();

function cardsByCourierService(company: CompanyPricing, platform: PlatformPricing): Map<string, PricingCard[]> {
  const known = groupedCards.get(company);
  if (known?.platform === platform) return known.byService;
  const byService = new Map<string, PricingCard[]>();
  for (const card of [...company.cards, ...platform.cards]) {
    const key = `${card.courier}/${card.service}`;
    const list = byService.get(key);
    if (list) list.push(card);
    else byService.set(key, [card]);
  }
  groupedCards.set(company, { platform, byService });
  return byService;
}

interface QuoteInputs {
  answer: ServiceabilityAnswer;
  billingState: string | null;
  /** GST state of the recipient: the billing state, else the origin pincode's. */
  recipient: string;
  platform: PlatformPricing;
  company: CompanyPricing;
}

/** Checks what the HTTP layer cannot for facade callers, and gives the cache key a canonical request. */
function normalise(r: QuoteRequest): QuoteRequest {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string) => errors.push({ field, message, code: 'pricing.invalid_quote_request' });
  const int = (field: string, v: unknown, min: number, max: number) => (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) && bad(field, `must be a whole number between ${min} and ${max}`);
  if (r.paymentMode !== 'prepaid' && r.paymentMode !== 'cod') bad('paymentMode', "must be 'prepaid' or 'cod'");
  int('weightGrams', r.weightGrams, 1, MAX_WEIGHT_GRAMS);
  if (r.paymentMode === 'cod') int('codAmountPaise', r.codAmountPaise, 1, MAX_AMOUNT_PAISE);
  else if (r.codAmountPaise !== undefined && r.codAmountPaise !== null && r.codAmountPaise !== 0) bad('codAmountPaise', 'must be 0 or absent for prepaid shipments');
  if (r.declaredValuePaise !== undefined && r.declaredValuePaise !== null) int('declaredValuePaise', r.declaredValuePaise, 0, MAX_AMOUNT_PAISE);
  if (r.dimensionsCm) {
    for (const side of ['length', 'breadth', 'height'] as const) {
      const v = r.dimensionsCm[side];
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > MAX_DIMENSION_CM) bad(`dimensionsCm.${side}`, `must be above 0 and at most ${MAX_DIMENSION_CM} cm`);
    }
  }
  if (errors.length) throw new DomainError('validation.failed', 'The quote request is invalid', 'validation', { errors });
  return {
    companyId: r.companyId,
    originPincode: String(r.originPincode).trim(),
    destinationPincode: String(r.destinationPincode).trim(),
    paymentMode: r.paymentMode,
    codAmountPaise: r.paymentMode === 'cod' ? r.codAmountPaise : 0,
    weightGrams: r.weightGrams,
    dimensionsCm: r.dimensionsCm ? { length: r.dimensionsCm.length, breadth: r.dimensionsCm.breadth, height: r.dimensionsCm.height } : undefined,
    declaredValuePaise: r.declaredValuePaise ?? undefined,
    b2b: !!r.b2b,
    couriers: r.couriers?.length ? [...new Set(r.couriers)].sort() : undefined,
  };
}
