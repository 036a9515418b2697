import type { CoverageRow } from './coverage';

export type PaymentMode = 'prepaid' | 'cod';

export interface LaneService {
  courier: string;
  service: string;
}

export interface BlockEntry {
  pincode: string;
  /** null = every courier. */
  courier: string | null;
}

export interface ServiceabilityRequest {
  originPincode: string;
  destinationPincode: string;
  paymentMode: PaymentMode;
  weightGrams?: number;
  codAmountPaise?: number;
  reverse?: boolean;
}

export interface LaneAnswer {
  courier: string;
  service: string;
  serviceable: boolean;
  /** Set when not serviceable. */
  code?: UnserviceableCode;
  reason?: string;
  oda: boolean;
  transitDays: number | null;
  maxWeightGrams: number | null;
  maxCodPaise: number | null;
}

export type UnserviceableCode =
  | 'origin_not_covered'
  | 'destination_not_covered'
  | 'pickup_unavailable'
  | 'reverse_unavailable'
  | 'prepaid_unavailable'
  | 'cod_unavailable'
  | 'over_max_weight'
  | 'over_max_cod'
  | 'blocked_by_company';

/** Coverage rows by `courier|service|pincode`: build once per cached read, not per request. */
export type CoverageIndex = ReadonlyMap<string, CoverageRow>;

export function indexCoverage(coverage: readonly CoverageRow[]): CoverageIndex {
  const rows = new Map<string, CoverageRow>();
  for (const row of coverage) rows.set(`${row.courier}|${row.service}|${row.pincode}`, row);
  return rows;
}

/**
 * Decides, for every service asked about, whether it can carry the parcel, in this order:
 * company blocklist (the buyer's pincode: destination, or origin for a reverse pickup), origin coverage,
 * pickup (reverse: 'reverse') at the origin, destination coverage, prepaid/COD at the destination,
 * max weight and max COD of the destination lane. The first failing rule names the code.
 */
export function decideLanes(
  services: readonly LaneService[],
  coverage: readonly CoverageRow[] | CoverageIndex,
  blocks: readonly BlockEntry[],
  transitDays: ReadonlyMap<string, number>,
  request: ServiceabilityRequest,
): LaneAnswer[] {
  const rows = coverage instanceof Map ? coverage : indexCoverage(coverage as readonly CoverageRow[]);
  const answers: LaneAnswer[] = [];
  for (const { courier, service } of services) {
    const lane = `${courier}|${service}|`;
    const origin = rows.get(lane + request.originPincode);
    const destination = rows.get(lane + request.destinationPincode);
    const refusal = refusalOf(courier, service, origin, destination, blocks, request);
    // Built field by field (no spread): this runs for every service on every quote.
    answers.push({
      courier,
      service,
      serviceable: refusal === null,
      code: refusal?.code,
      reason: refusal?.reason,
      oda: destination?.oda ?? false,
      transitDays: transitDays.get(`${courier}|${service}`) ?? null,
      maxWeightGrams: destination?.maxWeightGrams ?? null,
      maxCodPaise: destination?.maxCodPaise ?? null,
    });
  }
  return answers;
}

/** The first rule the lane fails, in the order decideLanes documents, or null when it can carry the parcel. */
function refusalOf(
  courier: string,
  service: string,
  origin: CoverageRow | undefined,
  destination: CoverageRow | undefined,
  blocks: readonly BlockEntry[],
  request: ServiceabilityRequest,
): { code: UnserviceableCode; reason: string } | null {
  const buyerPincode = request.reverse ? request.originPincode : request.destinationPincode;
  for (const b of blocks) {
    if (b.pincode === buyerPincode && (b.courier === null || b.courier === courier)) {
      return { code: 'blocked_by_company', reason: `Your company blocked pincode ${buyerPincode}${b.courier ? ` for ${courier}` : ''}` };
    }
  }
  if (!origin) return { code: 'origin_not_covered', reason: `${courier} ${service} does not serve origin pincode ${request.originPincode}` };
  if (request.reverse) {
    if (!origin.reverse) return { code: 'reverse_unavailable', reason: `${courier} ${service} offers no reverse pickup at ${request.originPincode}` };
  } else if (!origin.pickup) {
    return { code: 'pickup_unavailable', reason: `${courier} ${service} offers no pickup at ${request.originPincode}` };
  }
  if (!destination) return { code: 'destination_not_covered', reason: `${courier} ${service} does not deliver to ${request.destinationPincode}` };
  if (request.paymentMode === 'cod' && !destination.cod) return { code: 'cod_unavailable', reason: `${courier} ${service} offers no cash on delivery at ${request.destinationPincode}` };
  if (request.paymentMode === 'prepaid' && !destination.prepaid) return { code: 'prepaid_unavailable', reason: `${courier} ${service} delivers no prepaid parcels to ${request.destinationPincode}` };
  if (request.weightGrams !== undefined && destination.maxWeightGrams !== null && request.weightGrams > destination.maxWeightGrams) {
    return { code: 'over_max_weight', reason: `${request.weightGrams} g is over ${courier} ${service}'s limit of ${destination.maxWeightGrams} g at ${request.destinationPincode}` };
  }
  if (request.paymentMode === 'cod' && request.codAmountPaise !== undefined && destination.maxCodPaise !== null && request.codAmountPaise > destination.maxCodPaise) {
    return { code: 'over_max_cod', reason: `COD of ${request.codAmountPaise} paise is over ${courier} ${service}'s limit of ${destination.maxCodPaise} paise at ${request.destinationPincode}` };
  }
  return null;
}
