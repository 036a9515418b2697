import { HttpSimulator, SimRequest, SimResponse } from '../http-simulator';

/** One courier's simulated API, mounted under `/<prefix>` of the shared courier simulator server. */
export interface CourierApiSimulator {
  /** URL segment the API lives under, e.g. 'delhivery' (base URL = <server>/delhivery). */
  readonly prefix: string;
  /** `request.path` is relative to the prefix (starts with '/'). */
  handle(request: SimRequest): SimResponse | Promise<SimResponse>;
  /** The body this courier sends with an injected 5xx. */
  serverErrorBody?(status: number): unknown;
  /**
   * Scripted parcels (booking simulators): moves a parcel `steps` scans along and pushes the courier's webhook for
   * each new scan when one is configured. Reached by tests directly and in sandbox over `POST /_control/<prefix>/advance`.
   */
  advance?(awb: string, steps: number): Promise<{ code: string; text: string }[]>;
  /** Where this courier pushes scans (its webhook panel setting); null stops pushing. */
  configureWebhook?(url: string | null, secret: string | null): void;
}

/**
 * The courier simulators' one HTTP server: every courier's simulated API under its own route prefix
 * (`/delhivery/...`, later `/xpressbees/...`, ...), so sandbox mode runs a single server for all couriers and
 * COURIER_SIMULATOR_URL can point at one host. Fault injection (failNext) applies to the next requests whatever the courier.
 */
export class CourierSimulatorServer extends HttpSimulator {
  private readonly apis = new Map<string, CourierApiSimulator>();

  register<T extends CourierApiSimulator>(api: T): T {
    if (this.apis.has(api.prefix)) throw new Error(`a courier simulator is already mounted at /${api.prefix}`);
    this.apis.set(api.prefix, api);
    return api;
  }

  api<T extends CourierApiSimulator>(prefix: string): T {
    const api = this.apis.get(prefix);
    if (!api) throw new Error(`no courier simulator mounted at /${prefix}`);
    return api as T;
  }

  /** Base URL of one courier's API on this server. */
  urlOf(prefix: string): string {
    return `${this.baseUrl}/${prefix}`;
  }

  /** Requests one courier received (path relative to its prefix). */
  requestsTo(prefix: string): SimRequest[] {
    return this.requests.filter((r) => r.path.startsWith(`/${prefix}/`)).map((r) => ({ ...r, path: r.path.slice(prefix.length + 1) }));
  }

  protected serverErrorBody(status: number): unknown {
    return { error: status >= 500 ? 'Internal Server Error' : 'Error' };
  }

  protected handle(request: SimRequest): SimResponse | Promise<SimResponse> {
    if (request.path.startsWith('/_control/')) return this.control(request);
    const [, prefix = ''] = request.path.split('/');
    const api = this.apis.get(prefix);
    if (!api) return { status: 404, body: { error: `no courier simulator at /${prefix}` } };
    return api.handle({ ...request, path: request.path.slice(prefix.length + 1) || '/' });
  }

  /**
   * Sandbox controls, not part of any courier's API: `POST /_control/<prefix>/advance {awb, steps?}` moves a simulated
   * parcel along (pushing webhooks), `POST /_control/<prefix>/webhook {url, secret}` points a courier's pushes somewhere.
   */
  private async control(request: SimRequest): Promise<SimResponse> {
    const [, , prefix = '', action = ''] = request.path.split('/');
    const api = this.apis.get(prefix);
    if (!api || request.method !== 'POST') return { status: 404, body: { error: 'unknown control' } };
    if (action === 'advance' && api.advance) {
      const awb = request.fields.awb ?? '';
      const steps = Math.max(1, Math.min(50, Number(request.fields.steps ?? 1) || 1));
      try {
        return { status: 200, body: { awb, scans: await api.advance(awb, steps) } };
      } catch (error) {
        return { status: 404, body: { error: (error as Error).message } };
      }
    }
    if (action === 'webhook' && api.configureWebhook) {
      api.configureWebhook(request.fields.url || null, request.fields.secret || null);
      return { status: 200, body: { ok: true } };
    }
    return { status: 404, body: { error: 'unknown control' } };
  }
}
