/**
 * The part every courier simulator shares: parcels booked under AWBs the simulator assigns, each moving through a
 * scripted scan sequence, and scans pushed to a webhook when the courier pushes. Each courier simulator wraps this
 * in its own wire format (paths, auth, payloads, raw status codes) — that part must stay courier-specific.
 */

/** The scripted journeys a parcel can take. */
export type ParcelScenario = 'delivered' | 'ndr_then_delivered' | 'ndr_then_rto' | 'lost';

/** Steps in courier-neutral words; each courier simulator maps them to its own raw codes and texts. */
export type ParcelStep =
  | 'manifested'
  | 'pickup_scheduled'
  | 'picked_up'
  | 'in_transit'
  | 'out_for_delivery'
  | 'ndr'
  | 'delivered'
  | 'rto_initiated'
  | 'rto_in_transit'
  | 'rto_delivered'
  | 'lost'
  | 'cancelled';

export const SCENARIO_STEPS: Readonly<Record<ParcelScenario, readonly ParcelStep[]>> = {
  delivered: ['manifested', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered'],
  ndr_then_delivered: ['manifested', 'picked_up', 'in_transit', 'out_for_delivery', 'ndr', 'out_for_delivery', 'delivered'],
  ndr_then_rto: ['manifested', 'picked_up', 'in_transit', 'out_for_delivery', 'ndr', 'out_for_delivery', 'ndr', 'rto_initiated', 'rto_in_transit', 'rto_delivered'],
  lost: ['manifested', 'picked_up', 'in_transit', 'lost'],
};

/** A courier's own code and text for each step (what its tracking API and webhooks say). */
export type StepCodes = Readonly<Record<ParcelStep, { code: string; text: string }>>;

export interface SimScan {
  step: ParcelStep;
  code: string;
  text: string;
  location: string;
  at: Date;
  /** Set on NDR scans. */
  reason: string | null;
}

export interface SimParcel<T = unknown> {
  awb: string;
  childAwbs: string[];
  /** The seller's reference (order number) the courier dedupes on. */
  reference: string;
  scenario: ParcelScenario;
  /** Index into the scenario's steps of the last scan given (-1 = booked, no scan yet). */
  position: number;
  scans: SimScan[];
  cancelled: boolean;
  /** Weight the courier's hub measured (set with reportWeight), grams. */
  measuredWeightGrams: number | null;
  pickupId: string | null;
  bookedAt: Date;
  /** The booking as the courier received it (its own wire shape). */
  booking: T;
}

export interface ParcelBookOptions {
  /** AWBs look like `<prefix><digits>`, e.g. prefix '1490' for Delhivery-like 14-digit numbers. */
  awbPrefix: string;
  awbLength: number;
  codes: StepCodes;
  /** Hub names used for scan locations, first = origin side, last = destination side. */
  hubs?: readonly string[];
  now?: () => Date;
}

const NDR_REASONS = ['Consignee unavailable', 'Address incomplete', 'Customer refused delivery', 'COD amount not ready'];

/** Scenario markers a tester (or demo) puts in the consignee name or the reference: NDR-RTO, NDR, LOST. */
export function scenarioFromMarkers(...texts: (string | undefined | null)[]): ParcelScenario {
  const text = texts.filter(Boolean).join(' ').toUpperCase();
  if (text.includes('NDR-RTO') || text.includes('NDR_RTO')) return 'ndr_then_rto';
  if (text.includes('LOST')) return 'lost';
  if (text.includes('NDR')) return 'ndr_then_delivered';
  return 'delivered';
}

/** Still at the seller's: no scan beyond manifested / pickup scheduled. */
function awaitingPickup(parcel: SimParcel<unknown>): boolean {
  return parcel.scans.every((s) => s.step === 'manifested' || s.step === 'pickup_scheduled');
}

export class ParcelBook<T = unknown> {
  private readonly byAwb = new Map<string, SimParcel<T>>();
  private readonly byRef = new Map<string, SimParcel<T>>();
  /** Starts from the clock so a restarted sandbox does not hand out AWBs an earlier run already used. */
  private sequence: number;
  private pickups = 0;
  private readonly now: () => Date;
  private readonly hubs: readonly string[];

  constructor(private readonly options: ParcelBookOptions) {
    this.now = options.now ?? (() => new Date());
    this.hubs = options.hubs ?? ['Origin Hub', 'Mother Hub', 'Destination Hub'];
    const room = 10 ** Math.min(15, options.awbLength - options.awbPrefix.length);
    this.sequence = (Math.floor(Date.now() / 1000) * 1000) % Math.floor(room / 2);
  }

  /** Books a parcel, or returns the live parcel already booked under this reference (`duplicate: true`). */
  book(reference: string, booking: T, options: { pieces?: number; scenario?: ParcelScenario } = {}): { parcel: SimParcel<T>; duplicate: boolean } {
    const existing = this.byRef.get(reference);
    if (existing && !existing.cancelled) return { parcel: existing, duplicate: true };
    const awb = this.nextAwb();
    const childAwbs = Array.from({ length: Math.max(0, (options.pieces ?? 1) - 1) }, () => this.nextAwb());
    const parcel: SimParcel<T> = {
      awb,
      childAwbs,
      reference,
      scenario: options.scenario ?? scenarioFromMarkers(reference),
      position: -1,
      scans: [],
      cancelled: false,
      measuredWeightGrams: null,
      pickupId: null,
      bookedAt: this.now(),
      booking,
    };
    this.byAwb.set(awb, parcel);
    for (const child of childAwbs) this.byAwb.set(child, parcel);
    this.byRef.set(reference, parcel);
    return { parcel, duplicate: false };
  }

  get(awb: string): SimParcel<T> | undefined {
    return this.byAwb.get(awb);
  }

  byReference(reference: string): SimParcel<T> | undefined {
    return this.byRef.get(reference);
  }

  all(): SimParcel<T>[] {
    return [...new Set(this.byAwb.values())];
  }

  setScenario(awb: string, scenario: ParcelScenario): void {
    const parcel = this.require(awb);
    parcel.scenario = scenario;
  }

  /** Cancels before pickup; after pickup a courier refuses ('too_late'). */
  cancel(awb: string): 'cancelled' | 'already_cancelled' | 'too_late' | 'not_found' {
    const parcel = this.byAwb.get(awb);
    if (!parcel) return 'not_found';
    if (parcel.cancelled) return 'already_cancelled';
    if (!awaitingPickup(parcel)) return 'too_late';
    parcel.cancelled = true;
    parcel.scans.push(this.scan('cancelled', parcel));
    return 'cancelled';
  }

  /**
   * Whether a parcel's boxes may still change (weight, dimensions): booked, not cancelled, not picked up yet.
   * 'too_late' once the courier has it; couriers refuse box changes from then on.
   */
  boxChange(awb: string): 'allowed' | 'cancelled' | 'too_late' | 'not_found' {
    const parcel = this.byAwb.get(awb);
    if (!parcel) return 'not_found';
    if (parcel.cancelled) return 'cancelled';
    return awaitingPickup(parcel) ? 'allowed' : 'too_late';
  }

  /** Registers a pickup for these AWBs and returns its id; a `pickup_scheduled` scan is added to each. */
  schedulePickup(awbs: readonly string[]): string {
    const pickupId = String(++this.pickups + 100_000);
    for (const awb of awbs) {
      const parcel = this.byAwb.get(awb);
      if (!parcel || parcel.cancelled) continue;
      parcel.pickupId = pickupId;
      parcel.scans.push(this.scan('pickup_scheduled', parcel));
    }
    return pickupId;
  }

  /** Moves a parcel `steps` scans along its scenario; returns the new scans (none once it reached the end). */
  advance(awb: string, steps = 1): SimScan[] {
    const parcel = this.require(awb);
    const script = SCENARIO_STEPS[parcel.scenario];
    const added: SimScan[] = [];
    for (let i = 0; i < steps && !parcel.cancelled && parcel.position < script.length - 1; i++) {
      parcel.position++;
      const scan = this.scan(script[parcel.position], parcel);
      parcel.scans.push(scan);
      added.push(scan);
    }
    return added;
  }

  /** Runs a parcel to the end of its scenario. */
  complete(awb: string): SimScan[] {
    return this.advance(awb, Number.MAX_SAFE_INTEGER);
  }

  /** The hub weighed the parcel (a weight discrepancy when it differs from the booking). */
  reportWeight(awb: string, grams: number): void {
    this.require(awb).measuredWeightGrams = grams;
  }

  lastScan(awb: string): SimScan | undefined {
    const scans = this.require(awb).scans;
    return scans[scans.length - 1];
  }

  private scan(step: ParcelStep, parcel: SimParcel<T>): SimScan {
    const { code, text } = this.options.codes[step];
    const leg = ['manifested', 'pickup_scheduled', 'picked_up', 'cancelled', 'rto_delivered'].includes(step) ? 0 : step === 'in_transit' || step === 'rto_in_transit' || step === 'lost' ? 1 : 2;
    const ndrCount = parcel.scans.filter((s) => s.step === 'ndr').length;
    // A parcel advanced several steps at once still gets scans a minute apart, as a courier's would be (couriers
    // that stamp scans to the minute would otherwise report a tie, and a tie has no order).
    const previous = parcel.scans[parcel.scans.length - 1]?.at.getTime() ?? 0;
    const at = new Date(Math.max(this.now().getTime(), previous + 60_000));
    return {
      step,
      code,
      text,
      location: this.hubs[Math.min(leg, this.hubs.length - 1)],
      at,
      reason: step === 'ndr' ? NDR_REASONS[ndrCount % NDR_REASONS.length] : null,
    };
  }

  private require(awb: string): SimParcel<T> {
    const parcel = this.byAwb.get(awb);
    if (!parcel) throw new Error(`no simulated parcel with AWB ${awb}`);
    return parcel;
  }

  private nextAwb(): string {
    const digits = String(++this.sequence).padStart(this.options.awbLength - this.options.awbPrefix.length, '0');
    return `${this.options.awbPrefix}${digits}`;
  }
}

/** A webhook delivery the simulator made, for tests to assert on. */
export interface WebhookDelivery {
  url: string;
  status: number | null;
  error: string | null;
  body: string;
}

/**
 * Pushes a courier's webhooks to the URL a test or sandbox configured (as a courier's panel would), with the
 * headers the courier's scheme puts on them. Failures are recorded, not thrown: a courier does not crash when a
 * receiver is down.
 */
export class WebhookPusher {
  readonly deliveries: WebhookDelivery[] = [];
  private target: { url: string; headers: (body: string) => Record<string, string> } | null = null;

  configure(url: string | null, headers: (body: string) => Record<string, string> = () => ({})): void {
    this.target = url ? { url, headers } : null;
  }

  get configured(): boolean {
    return this.target !== null;
  }

  async push(payload: unknown): Promise<WebhookDelivery | null> {
    if (!this.target) return null;
    const body = JSON.stringify(payload);
    const delivery: WebhookDelivery = { url: this.target.url, status: null, error: null, body };
    try {
      const response = await fetch(this.target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.target.headers(body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      delivery.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      delivery.error = (error as Error).message;
    }
    this.deliveries.push(delivery);
    return delivery;
  }
}
