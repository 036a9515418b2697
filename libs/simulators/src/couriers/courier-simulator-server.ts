import { HttpSimulator, SimRequest, SimResponse } from '../http-simulator';

/** One courier's simulated API, mounted under `/<prefix>` of the shared courier simulator server. */
export interface CourierApiSimulator {
  /** URL segment the API lives under, e.g. 'delhivery' (base URL = <server>/delhivery). */
  readonly prefix: string;
  /** `request.path` is relative to the prefix (starts with '/'). */
  handle(request: SimRequest): SimResponse | Promise<SimResponse>;
  /** The body this courier sends with an injected 5xx. */
  serverErrorBody?(status: number): unknown;
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
    const [, prefix = ''] = request.path.split('/');
    const api = this.apis.get(prefix);
    if (!api) return { status: 404, body: { error: `no courier simulator at /${prefix}` } };
    return api.handle({ ...request, path: request.path.slice(prefix.length + 1) || '/' });
  }
}
