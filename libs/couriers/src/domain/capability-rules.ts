import type { BookingPackage, BookingRequest, CourierCapabilities, CourierCode, NdrActionKind } from '../../contracts';
import { courierService } from '../../contracts';

/**
 * Why a courier cannot take a request, found before any call goes out. `unsupported` = the courier does not offer
 * the capability at all; `limit` = it does, within a published limit the request exceeds.
 */
export interface CapabilityViolation {
  kind: 'unsupported' | 'limit';
  /** The capability or limit, named as in CourierCapabilities (e.g. 'cod', 'limits.maxWeightGrams'). */
  rule: string;
  limit: unknown;
  actual: unknown;
  message: string;
}

const unsupported = (rule: string, message: string, actual: unknown = true): CapabilityViolation => ({ kind: 'unsupported', rule, limit: false, actual, message });
const overLimit = (rule: string, limit: number, actual: number, message: string): CapabilityViolation => ({ kind: 'limit', rule, limit, actual, message });

/** Longest side, and girth as couriers measure it: longest side + 2 x (the other two). */
export function packageMeasures(p: BookingPackage): { longestCm: number; girthCm: number } {
  const [longest, ...others] = [p.lengthCm, p.breadthCm, p.heightCm].sort((a, b) => b - a);
  return { longestCm: longest, girthCm: longest + 2 * (others[0] + others[1]) };
}

/** Every reason `courier` (with `caps`) cannot book `request`, in the order a seller would fix them. */
export function bookingViolations(courier: CourierCode, caps: CourierCapabilities, request: BookingRequest): CapabilityViolation[] {
  const found: CapabilityViolation[] = [];
  const service = courierService(courier, request.service);
  if (!service) found.push(unsupported('service', `${courier} has no service '${request.service}'.`, request.service));
  if (request.paymentMode === 'cod' && !caps.cod) found.push(unsupported('cod', `${courier} does not take cash-on-delivery bookings.`));
  if (request.reverse && !caps.reverse) found.push(unsupported('reverse', `${courier} does not take reverse pickups.`));
  if ((request.b2b || service?.b2b) && !caps.b2b) found.push(unsupported('b2b', `${courier} does not take B2B freight bookings.`));
  if (request.insured && !caps.insurance) found.push(unsupported('insurance', `${courier} does not take insured bookings.`));
  const refused = request.handling.filter((h) => caps.refusedHandling.includes(h));
  if (refused.length) found.push({ kind: 'unsupported', rule: 'refusedHandling', limit: caps.refusedHandling, actual: refused, message: `${courier} does not carry ${refused.join(', ')} goods.` });
  found.push(...packageViolations(courier, caps, request.packages));
  if (request.paymentMode === 'cod' && request.codAmountPaise > caps.limits.maxCodPaise) {
    found.push(overLimit('limits.maxCodPaise', caps.limits.maxCodPaise, request.codAmountPaise, `${courier} collects at most ₹${caps.limits.maxCodPaise / 100} cash on delivery.`));
  }
  return found;
}

/** The box rules alone: what a booking and a later box change must both pass. */
export function packageViolations(courier: CourierCode, caps: CourierCapabilities, packages: BookingRequest['packages']): CapabilityViolation[] {
  const { limits } = caps;
  const found: CapabilityViolation[] = [];
  if (packages.length > 1 && !caps.multiPiece) found.push(unsupported('multiPiece', `${courier} books one box per shipment; this one has ${packages.length}.`, packages.length));
  if (caps.multiPiece && packages.length > limits.maxPieces) {
    found.push(overLimit('limits.maxPieces', limits.maxPieces, packages.length, `${courier} takes at most ${limits.maxPieces} boxes on one booking.`));
  }
  // Couriers publish weight and size limits per box.
  const heaviest = Math.max(0, ...packages.map((p) => p.weightGrams));
  if (heaviest > limits.maxWeightGrams) found.push(overLimit('limits.maxWeightGrams', limits.maxWeightGrams, heaviest, `${courier} takes boxes up to ${limits.maxWeightGrams} g.`));
  const measures = packages.map(packageMeasures);
  const longest = Math.max(0, ...measures.map((m) => m.longestCm));
  if (longest > limits.maxLengthCm) found.push(overLimit('limits.maxLengthCm', limits.maxLengthCm, longest, `${courier} takes boxes up to ${limits.maxLengthCm} cm on the longest side.`));
  const girth = Math.max(0, ...measures.map((m) => m.girthCm));
  if (limits.maxGirthCm !== undefined && girth > limits.maxGirthCm) {
    found.push(overLimit('limits.maxGirthCm', limits.maxGirthCm, girth, `${courier} takes boxes up to ${limits.maxGirthCm} cm of length + girth.`));
  }
  return found;
}

/** Operations other than booking that need a capability. */
export type GatedOperation = 'cancel' | 'pickupApi' | 'trackingPull' | 'serviceabilityApi' | 'rateApi' | 'packageUpdateApi' | 'courierLabel';

const OPERATION_WORDS: Record<GatedOperation, string> = {
  cancel: 'cancel bookings through its API',
  pickupApi: 'take pickup requests through its API',
  trackingPull: 'answer tracking requests',
  serviceabilityApi: 'answer serviceability checks through its API',
  rateApi: 'quote its own prices through its API',
  packageUpdateApi: 'take box changes after booking through its API',
  courierLabel: 'render its own labels through its API',
};

export function operationViolation(courier: CourierCode, caps: CourierCapabilities, operation: GatedOperation): CapabilityViolation | null {
  return caps[operation] ? null : unsupported(operation, `${courier} does not ${OPERATION_WORDS[operation]}.`);
}

export function ndrActionViolation(courier: CourierCode, caps: CourierCapabilities, action: NdrActionKind): CapabilityViolation | null {
  if (caps.ndrActions.includes(action)) return null;
  return { kind: 'unsupported', rule: 'ndrActions', limit: caps.ndrActions, actual: action, message: `${courier} does not take the NDR action '${action}' through its API.` };
}
