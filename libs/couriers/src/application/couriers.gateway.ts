import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@shipcrowd/platform';
import type {
  BookingRequest,
  BookingResult,
  CourierCapabilities,
  CourierCode,
  CourierHealth,
  CourierRate,
  CourierServiceability,
  CouriersFacade,
  LabelData,
  NdrActionRequest,
  NdrActionResult,
  PickupRequest,
  PackageUpdate,
  PickupResult,
  RateQuery,
  ServiceabilityQuery,
  TrackingEvent,
} from '../../contracts';
import { COURIERS } from '../../contracts';
import { bookingViolations, CapabilityViolation, GatedOperation, ndrActionViolation, operationViolation, packageViolations } from '../domain/capability-rules';
import { CourierEndpoints } from '../infrastructure/courier-endpoints';
import { CourierCredentialStore } from '../infrastructure/persistence/courier-credential-store';
import { CourierClients } from '../infrastructure/resilience/courier-clients';
import { CourierTelemetry } from '../infrastructure/resilience/courier-telemetry';
import { capabilityError, courierDomainError, notConfigured, outcomeOf } from './courier-errors';
import { CourierProviders } from './courier-providers';
import { CompanyCourierAccounts } from './credentials/company-courier-accounts';
import { PlatformCourierAccounts } from './platform-courier-accounts';
import { CourierCall, CourierCredentials, CourierProvider, WebhookUnauthenticated } from './ports/courier-provider';

export type CredentialSource = 'company' | 'platform' | 'sandbox';

type InboundRequest = Parameters<CouriersFacade['parseWebhook']>[1];

/**
 * CouriersFacade: resolves the adapter, refuses what its capabilities rule out before any call, picks the credentials
 * (the company's own > the platform's > the sandbox's in sandbox mode) and the base URL, runs the call on the
 * courier's resilient clients while recording telemetry, and turns adapter errors into stable DomainErrors.
 * Call it outside a unit of work: courier calls must not hold a database transaction open.
 */
@Injectable()
export class CouriersGateway implements CouriersFacade {
  constructor(
    private readonly providers: CourierProviders,
    private readonly endpoints: CourierEndpoints,
    private readonly clients: CourierClients,
    private readonly telemetry: CourierTelemetry,
    private readonly store: CourierCredentialStore,
    private readonly platformAccounts: PlatformCourierAccounts,
    private readonly companyAccounts: CompanyCourierAccounts,
    private readonly uow: UnitOfWork,
  ) {}

  capabilities(courier: CourierCode): CourierCapabilities {
    return this.providers.get(courier).capabilities;
  }

  checkBooking(courier: CourierCode, request: BookingRequest): void {
    refuse(courier, bookingViolations(courier, this.providers.get(courier).capabilities, request));
  }

  async book(companyId: string, courier: CourierCode, request: BookingRequest): Promise<BookingResult> {
    const adapter = this.providers.get(courier);
    refuse(courier, bookingViolations(courier, adapter.capabilities, request));
    return this.invoke(companyId, adapter, 'book', (call) => adapter.book(call, request));
  }

  async cancel(companyId: string, courier: CourierCode, awb: string): Promise<{ cancelled: boolean; message: string | null }> {
    const adapter = this.gated(courier, 'cancel', (a) => a.cancel);
    return this.invoke(companyId, adapter, 'cancel', (call) => adapter.cancel!(call, awb));
  }

  async labelData(companyId: string, courier: CourierCode, awb: string): Promise<LabelData> {
    const adapter = this.providers.get(courier);
    if (!adapter.labelData) refuse(courier, [{ kind: 'unsupported', rule: 'labelData', limit: false, actual: true, message: `${courier} gives no label data through its API.` }]);
    return this.invoke(companyId, adapter, 'label', (call) => adapter.labelData!(call, awb));
  }

  async requestPickup(companyId: string, courier: CourierCode, request: PickupRequest): Promise<PickupResult> {
    const adapter = this.gated(courier, 'pickupApi', (a) => a.requestPickup);
    return this.invoke(companyId, adapter, 'pickup', (call) => adapter.requestPickup!(call, request));
  }

  async track(companyId: string, courier: CourierCode, awbs: string[]): Promise<Map<string, TrackingEvent[]>> {
    const adapter = this.gated(courier, 'trackingPull', (a) => a.track);
    if (awbs.length === 0) return new Map();
    const scans = await this.invoke(companyId, adapter, 'track', (call) => adapter.track(call, awbs));
    for (const events of scans.values()) this.telemetry.noteUnknownStatuses(courier, events);
    return scans;
  }

  async ndrAction(companyId: string, courier: CourierCode, request: NdrActionRequest): Promise<NdrActionResult> {
    const adapter = this.providers.get(courier);
    const refused = ndrActionViolation(courier, adapter.capabilities, request.action);
    if (refused || !adapter.ndrAction) refuse(courier, [refused ?? missingMethod(courier, 'ndrActions')]);
    return this.invoke(companyId, adapter, 'ndr_action', (call) => adapter.ndrAction!(call, request));
  }

  parseWebhook(courier: CourierCode, request: InboundRequest): TrackingEvent[] {
    const adapter = this.providers.get(courier);
    const credentials = this.platformAccounts.get(courier) ?? (this.endpoints.mode === 'sandbox' ? adapter.sandboxCredentials : undefined);
    if (!credentials) throw notConfigured(courier);
    return this.parsePushed(adapter, request, credentials);
  }

  async parseAccountWebhook(courier: CourierCode, accountId: string, request: InboundRequest): Promise<{ companyId: string; events: TrackingEvent[] }> {
    const adapter = this.providers.get(courier);
    const account = await this.companyAccounts.get(accountId);
    // One answer for every account that cannot receive this courier's webhooks: ids are not to be probed.
    if (!account || account.courier !== courier) throw courierDomainError(courier, new WebhookUnauthenticated('no account of this courier receives webhooks at this address'));
    return { companyId: account.companyId, events: this.parsePushed(adapter, request, account.credentials) };
  }

  async serviceability(companyId: string, courier: CourierCode, query: ServiceabilityQuery): Promise<CourierServiceability> {
    const adapter = this.gated(courier, 'serviceabilityApi', (a) => a.serviceability);
    return this.invoke(companyId, adapter, 'serviceability', (call) => adapter.serviceability!(call, query));
  }

  async rates(companyId: string, courier: CourierCode, query: RateQuery): Promise<CourierRate[]> {
    const adapter = this.gated(courier, 'rateApi', (a) => a.rates);
    return this.invoke(companyId, adapter, 'rate', (call) => adapter.rates!(call, query));
  }

  async updatePackages(companyId: string, courier: CourierCode, awb: string, update: PackageUpdate): Promise<void> {
    const adapter = this.gated(courier, 'packageUpdateApi', (a) => a.updatePackages);
    refuse(courier, packageViolations(courier, adapter.capabilities, update.packages));
    await this.invoke(companyId, adapter, 'package_update', (call) => adapter.updatePackages!(call, awb, update));
  }

  async courierLabel(companyId: string, courier: CourierCode, awb: string): Promise<Buffer> {
    const adapter = this.gated(courier, 'courierLabel', (a) => a.courierLabel);
    return this.invoke(companyId, adapter, 'courier_label', (call) => adapter.courierLabel!(call, awb));
  }

  async health(): Promise<CourierHealth[]> {
    const { platform, companyOwned } = await this.uow.run({ system: true }, async () => ({
      platform: await this.store.platformAccounts(),
      companyOwned: await this.store.couriersWithCompanyAccounts(),
    }));
    return COURIERS.map(({ code, name }) => {
      const integrated = this.providers.has(code);
      const credentials = !integrated ? 'missing' : platform.has(code) ? 'platform' : this.endpoints.mode === 'sandbox' ? 'sandbox' : companyOwned.has(code) ? 'company' : 'missing';
      return { courier: code, name, circuit: this.clients.circuitOf(code), ...this.telemetry.snapshot(code), credentials, mode: this.endpoints.mode };
    });
  }

  /** Authenticates a pushed webhook with these credentials, then parses it (no I/O). */
  private parsePushed(adapter: CourierProvider, request: InboundRequest, credentials: CourierCredentials): TrackingEvent[] {
    let events: TrackingEvent[];
    try {
      events = adapter.parseWebhook({ ...request, credentials });
    } catch (error) {
      throw courierDomainError(adapter.code, error);
    }
    this.telemetry.noteUnknownStatuses(adapter.code, events);
    return events;
  }

  /** The credentials a call for `companyId` would use, and where they come from. */
  private async credentialsFor(companyId: string, adapter: CourierProvider): Promise<{ credentials: CourierCredentials; source: CredentialSource }> {
    const { company, platform } = await this.uow.run({ companyId }, () => this.store.usableBy(companyId, adapter.code));
    if (company) return { credentials: company.credentials, source: 'company' };
    if (platform) return { credentials: platform.credentials, source: 'platform' };
    if (this.endpoints.mode === 'sandbox') return { credentials: adapter.sandboxCredentials, source: 'sandbox' };
    throw notConfigured(adapter.code);
  }

  private gated(courier: CourierCode, operation: GatedOperation, method: (adapter: CourierProvider) => unknown): CourierProvider {
    const adapter = this.providers.get(courier);
    const refused = operationViolation(courier, adapter.capabilities, operation);
    if (refused || !method(adapter)) refuse(courier, [refused ?? missingMethod(courier, operation)]);
    return adapter;
  }

  private async invoke<T>(companyId: string, adapter: CourierProvider, operation: string, send: (call: CourierCall) => Promise<T>): Promise<T> {
    const { credentials } = await this.credentialsFor(companyId, adapter);
    const call: CourierCall = { baseUrl: this.endpoints.baseUrlOf(adapter), credentials, ...this.clients.of(adapter.code) };
    const started = performance.now();
    try {
      const result = await send(call);
      this.telemetry.record(adapter.code, operation, 'ok', (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      this.telemetry.record(adapter.code, operation, outcomeOf(error), (performance.now() - started) / 1000, error);
      throw courierDomainError(adapter.code, error);
    }
  }
}

function refuse(courier: string, violations: readonly CapabilityViolation[]): void {
  if (violations.length) throw capabilityError(courier, violations);
}

/** The capability says yes but the adapter lacks the method: refuse rather than fail on undefined. */
function missingMethod(courier: string, rule: string): CapabilityViolation {
  return { kind: 'unsupported', rule, limit: false, actual: true, message: `The ${courier} integration does not implement ${rule}.` };
}
