import type { ResilientHttp } from '@shipcrowd/platform';
import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  CourierCode,
  CourierRate,
  CourierServiceability,
  LabelData,
  NdrActionRequest,
  NdrActionResult,
  PickupRequest,
  PackageUpdate,
  PickupResult,
  RateQuery,
  ServiceabilityQuery,
  TrackingEvent,
} from '../../../contracts';

/** Credentials as the courier issues them (token, api key, login e-mail/password, webhook secret ...), decrypted. */
export type CourierCredentials = Readonly<Record<string, string>>;

/** Everything an adapter needs for one call: where the courier lives, whose credentials, the courier's resilient HTTP client. */
export interface CourierCall {
  /** Live host, or `<simulator>/<courier>` in sandbox mode. No trailing slash. */
  baseUrl: string;
  credentials: CourierCredentials;
  /** Timeout, retries (safe calls only: pass `{ retry: false }` semantics by using `httpNoRetry` for bookings), breaker per courier. */
  http: ResilientHttp;
  /** Same breaker budget, no retries: for calls that are not safe to repeat (booking, pickup, NDR action). */
  httpNoRetry: ResilientHttp;
}

export interface InboundWebhook {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  credentials: CourierCredentials;
}

/**
 * One courier's integration, speaking its documented wire protocol. Adapters are stateless apart from token caches;
 * the framework (CouriersGateway) resolves credentials and base URL, checks capabilities before calling, and maps
 * the errors below to stable DomainError codes. Optional methods exist only when the capability says so.
 */
export abstract class CourierProvider {
  abstract readonly code: CourierCode;
  abstract readonly capabilities: CourierCapabilities;
  /** Names of the credential fields this courier issues, e.g. ['token', 'webhookSecret'] (admin API validates against it). */
  abstract readonly credentialFields: readonly string[];
  /** Credentials the sandbox simulator accepts (used in COURIER_MODE=sandbox when none are stored). */
  abstract readonly sandboxCredentials: CourierCredentials;
  /** The courier's production API host (overridable per courier in COURIER_BASE_URLS). */
  abstract readonly liveBaseUrl: string;

  abstract book(call: CourierCall, request: BookingRequest): Promise<BookingResult>;
  abstract track(call: CourierCall, awbs: string[]): Promise<Map<string, TrackingEvent[]>>;
  /** Authenticate first (throw WebhookUnauthenticated), then parse; pure (no I/O). */
  abstract parseWebhook(webhook: InboundWebhook): TrackingEvent[];

  cancel?(call: CourierCall, awb: string): Promise<{ cancelled: boolean; message: string | null }>;
  labelData?(call: CourierCall, awb: string): Promise<LabelData>;
  requestPickup?(call: CourierCall, request: PickupRequest): Promise<PickupResult>;
  ndrAction?(call: CourierCall, request: NdrActionRequest): Promise<NdrActionResult>;
  /** Live pincode-pair check (capability serviceabilityApi). A safe call: use `call.http`. */
  serviceability?(call: CourierCall, query: ServiceabilityQuery): Promise<CourierServiceability>;
  /** The courier's own prices (capability rateApi). A safe call: use `call.http`. */
  rates?(call: CourierCall, query: RateQuery): Promise<CourierRate[]>;
  /** Changed boxes before pickup (capability packageUpdateApi). Not retried: use `call.httpNoRetry`. */
  updatePackages?(call: CourierCall, awb: string, update: PackageUpdate): Promise<void>;
  /** The courier-rendered label as PDF bytes (capability courierLabel); fetch the PDF when the courier answers with a link. */
  courierLabel?(call: CourierCall, awb: string): Promise<Buffer>;
}

/** The courier understood the request and refused it (4xx or success=false): not retried, shown to the seller. */
export class CourierRejected extends Error {
  constructor(
    message: string,
    readonly courierCode?: string,
    readonly raw?: unknown,
  ) {
    super(message);
    this.name = 'CourierRejected';
  }
}

/** The courier refused the credentials (401/403 or its own auth error). */
export class CourierAuthFailed extends Error {
  constructor(message = 'the courier refused the credentials') {
    super(message);
    this.name = 'CourierAuthFailed';
  }
}

/** A pushed webhook's signature/token did not verify: nothing is stored. */
export class WebhookUnauthenticated extends Error {
  constructor(message = 'webhook signature or token did not verify') {
    super(message);
    this.name = 'WebhookUnauthenticated';
  }
}

/** A pushed webhook is authentic but not a shape the courier sends. */
export class WebhookMalformed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookMalformed';
  }
}
