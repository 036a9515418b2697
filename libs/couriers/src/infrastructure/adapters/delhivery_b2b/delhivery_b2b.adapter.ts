import { UpstreamUnavailableError } from '@shipcrowd/platform';
import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  CourierRate,
  CourierServiceability,
  PackageUpdate,
  PickupRequest,
  PickupResult,
  RateQuery,
  ServiceabilityQuery,
  TrackingEvent,
} from '../../../../contracts';
import { CourierCall, CourierProvider, CourierRejected, InboundWebhook } from '../../../application/ports/courier-provider';
import { delhiveryPushedEvents, delhiveryServiceability } from '../delhivery/delhivery.payloads';
import { BearerJsonApi } from '../shared/bearer-json-api';
import { fetchLabelPdf, mergePdfs } from '../shared/courier-label';
import { fieldsOf, listOf, textOf } from '../shared/json-http';
import { requireWebhookToken, webhookJson } from '../shared/token-webhook';
import { parseIndiaTime } from '../shared/wire';
import {
  delhiveryB2bBoxUpdate,
  delhiveryB2bEstimateRequest,
  delhiveryB2bManifestForm,
  delhiveryB2bPincode,
  delhiveryB2bRate,
  delhiveryB2bTrackedEvents,
  LrStatus,
} from './delhivery_b2b.payloads';

interface ManifestJob {
  status?: string;
  error?: string;
  data?: { lrnum?: string; master_waybill?: string; waybills?: string[] };
}

export interface ManifestPolling {
  /** Wait between manifest status polls (Delhivery asks for a gap: the job is asynchronous). */
  intervalMs: number;
  attempts: number;
}

/** The label size asked of `/label/get_urls/{size}/{lrn}`: A4, the size B2B hubs take. */
const LABEL_SIZE = 'a4';

const b2bMessage = (body: unknown): string | undefined => {
  if (typeof body === 'string') return body.slice(0, 300) || undefined;
  const b = (body ?? {}) as { message?: unknown; error?: unknown };
  return [b.message, b.error].find((m): m is string => typeof m === 'string' && m !== '');
};

/**
 * Delhivery B2B (LTL / part truck load) over its B2B API: login for a JWT valid 24 hours (cached, renewed on a 401);
 * booking = asynchronous manifest (multipart, one LR with n boxes, invoice and e-way bill) polled by job id for the LR
 * number, which is the AWB Shipcrowd tracks, and the box waybills (children beyond the master); LR tracking, LR
 * cancel, LR box updates, pickup requests per warehouse and date, pincode serviceability, the freight estimator, and
 * the LR's box labels (one PDF link per box, merged into one document). Pushed scans use Delhivery's scan-push format
 * at LR level, authenticated by the Authorization header the seller configured (`Bearer <webhookSecret>`). See README.md.
 */
export class DelhiveryB2bAdapter extends CourierProvider {
  readonly code = 'delhivery_b2b' as const;
  readonly credentialFields = ['username', 'password', 'webhookSecret'] as const;
  readonly sandboxCredentials = { username: 'shipcrowd-b2b-sandbox', password: 'sandbox-delhivery-b2b-password', webhookSecret: 'sandbox-delhivery-b2b-webhook-secret' };
  readonly liveBaseUrl = 'https://ltl-clients-api.delhivery.com';
  readonly capabilities: CourierCapabilities = {
    cod: true,
    reverse: false,
    multiPiece: true,
    b2b: true,
    pickupApi: true,
    cancel: true,
    webhookPush: true,
    trackingPull: true,
    rateApi: true,
    serviceabilityApi: true,
    packageUpdateApi: true,
    courierLabel: true,
    ndrActions: [],
    limits: { maxWeightGrams: 1_000_000, maxLengthCm: 300, maxCodPaise: 50_000_000, maxPieces: 100 },
    refusedHandling: ['dangerous_goods'],
    insurance: true,
    labelSizes: ['a4'],
  };

  private readonly api = new BearerJsonApi(
    'Delhivery B2B',
    { path: '/ums/login', body: (c) => ({ username: c.username, password: c.password }), tokenOf: (a) => (a as { jwt?: string }).jwt, expiresInSeconds: 24 * 3600 },
    b2bMessage,
  );

  constructor(
    private readonly polling: ManifestPolling = { intervalMs: 1500, attempts: 10 },
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    super();
  }

  async book(call: CourierCall, request: BookingRequest): Promise<BookingResult> {
    const { job_id: jobId } = (await this.api.send(call, 'POST', '/manifest', delhiveryB2bManifestForm(request))) as { job_id?: string };
    if (!jobId) throw new CourierRejected('Delhivery B2B answered the manifest without a job id', this.code);
    for (let attempt = 0; attempt < this.polling.attempts; attempt++) {
      if (attempt > 0) await this.sleep(this.polling.intervalMs);
      const job = (await this.api.send(call, 'GET', `/manifest?job_id=${encodeURIComponent(jobId)}`)) as ManifestJob;
      if (job.status === 'Failed') throw new CourierRejected(job.error ?? 'Delhivery B2B failed the manifest', this.code, job);
      const lr = job.data;
      if (job.status === 'Complete' && lr?.lrnum) {
        const [, ...children] = lr.waybills ?? [];
        return { awb: lr.lrnum, childAwbs: children, sortCode: null, courierShipmentId: lr.master_waybill ?? null };
      }
    }
    // The LR may still be created: Delhivery keeps the job for 24 hours, so the job id lets an operator reconcile it.
    throw new UpstreamUnavailableError(`${this.code} manifest job ${jobId}`, 'timeout');
  }

  async track(call: CourierCall, lrns: string[]): Promise<Map<string, TrackingEvent[]>> {
    const tracked = new Map<string, TrackingEvent[]>();
    for (const lrn of lrns) {
      const answer = await this.api.send(call, 'GET', `/lrn/track?lrnum=${encodeURIComponent(lrn)}`).catch((error: unknown) => {
        if (error instanceof CourierRejected && error.courierCode === '404') return null; // "Data not found."
        throw error;
      });
      const data = (answer as { data?: LrStatus & { scans?: LrStatus[] } } | null)?.data;
      if (data) tracked.set(lrn, delhiveryB2bTrackedEvents(lrn, data));
    }
    return tracked;
  }

  parseWebhook(webhook: InboundWebhook): TrackingEvent[] {
    const secret = webhook.credentials.webhookSecret;
    requireWebhookToken(webhook.headers, 'authorization', secret ? `Bearer ${secret}` : undefined);
    return delhiveryPushedEvents(webhookJson(webhook.rawBody));
  }

  override async cancel(call: CourierCall, lrn: string): Promise<{ cancelled: boolean; message: string | null }> {
    const answer = (await this.api.send(call, 'DELETE', `/lrn/cancel/${encodeURIComponent(lrn)}`, undefined, { retry: true })) as { success?: boolean; message?: string };
    return { cancelled: answer.success === true, message: answer.message ?? null };
  }

  /** Both pincodes asked of the pincode service, read as Delhivery's B2C flags are; B2B takes no reverse pickups. */
  override async serviceability(call: CourierCall, query: ServiceabilityQuery): Promise<CourierServiceability> {
    const ask = async (pin: string) => delhiveryB2bPincode(pin, await this.api.send(call, 'GET', `/pincode-service/${encodeURIComponent(pin)}`));
    const lane = { ...delhiveryServiceability({ ...query, reverse: false }, await Promise.all([ask(query.originPincode), ask(query.destinationPincode)]), ['ptl']), reverse: false };
    return query.reverse ? { ...lane, serviceable: false, services: [], reason: 'Delhivery B2B takes no reverse pickups' } : lane;
  }

  /** The freight estimator for one box as the query describes it (safe to repeat: retried). */
  override async rates(call: CourierCall, query: RateQuery): Promise<CourierRate[]> {
    if (query.service && query.service !== 'ptl') throw new CourierRejected(`Delhivery B2B has no service '${query.service}'`, this.code);
    const answer = await this.api.send(call, 'POST', '/freight/estimate', delhiveryB2bEstimateRequest(query), { retry: true });
    return [delhiveryB2bRate(answer)];
  }

  /** New boxes for an LR not yet picked up: total weight and one dimension row per box (the box count cannot change). */
  override async updatePackages(call: CourierCall, lrn: string, update: PackageUpdate): Promise<void> {
    await this.api.send(call, 'PUT', `/lrn/update/${encodeURIComponent(lrn)}`, delhiveryB2bBoxUpdate(update));
  }

  /** Delhivery renders one label per box and answers their links; Shipcrowd prints them as one document. */
  override async courierLabel(call: CourierCall, lrn: string): Promise<Buffer> {
    const answer = await this.api.send(call, 'GET', `/label/get_urls/${LABEL_SIZE}/${encodeURIComponent(lrn)}`);
    const links = listOf(fieldsOf(answer).data).map(textOf).filter((link): link is string => !!link);
    if (links.length === 0) throw new CourierRejected(`Delhivery B2B gave no label links for LR ${lrn}`, this.code, answer);
    const files: Buffer[] = [];
    for (const link of links) files.push(await fetchLabelPdf(call, link, 'Delhivery B2B'));
    return mergePdfs(files);
  }

  /** Delhivery B2B pickups are per warehouse and date (not per LR): the expected box count tells the van's size. */
  override async requestPickup(call: CourierCall, request: PickupRequest): Promise<PickupResult> {
    const body = { client_warehouse: request.warehouse.warehouseCode, pickup_date: request.pickupDate, start_time: `${request.pickupTime}:00`, expected_package_count: request.expectedPackageCount };
    const answer = (await this.api.send(call, 'POST', '/pickup_requests', body)) as { pickup_id?: unknown };
    if (answer.pickup_id == null) throw new CourierRejected(b2bMessage(answer) ?? 'Delhivery B2B did not create the pickup request', this.code, answer);
    const scheduled = parseIndiaTime(`${request.pickupDate} ${body.start_time}`);
    return { pickupId: String(answer.pickup_id), scheduledFor: (scheduled ?? new Date()).toISOString() };
  }
}
