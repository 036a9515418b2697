import type { SimRequest, SimResponse } from '../http-simulator';
import type { CourierApiSimulator } from './courier-simulator-server';

/** One `delivery_codes[].postal_code` entry, as Delhivery's B2C pincode API returns it (Y/N strings, pin as a number). */
export interface DelhiveryPostalCode {
  pin: number;
  district: string;
  state_code: string;
  pre_paid: 'Y' | 'N';
  cash: 'Y' | 'N';
  pickup: 'Y' | 'N';
  repl: 'Y' | 'N';
  cod: 'Y' | 'N';
  is_oda: 'Y' | 'N';
  sort_code: string;
  /** kg; 0.0 = no limit published. */
  max_weight: number;
  /** rupees; 0.0 = no limit published. */
  max_amount: number;
}

export interface DelhiverySimulatorOptions {
  /** The API token the simulator accepts (`Authorization: Token <token>`). */
  token: string;
}

/**
 * Delhivery's B2C API as its public clients record it. Today: pincode serviceability
 * `GET /c/api/pin-codes/json/` with `Authorization: Token <token>` (or `?token=`), optional filters
 * `filter_codes=<pin,pin>`, `st=<state code>` and `dt=<YYYY-MM-DD>` (changed on or after), answering
 * `{ delivery_codes: [{ postal_code: {...} }] }`; a missing or wrong token gets 401 with a `detail`.
 * The pincode dataset is mutable so tests (and demos) can change the network between syncs.
 */
export class DelhiverySimulator implements CourierApiSimulator {
  readonly prefix = 'delhivery';
  private readonly codes = new Map<string, { code: DelhiveryPostalCode; changedOn: string }>();

  private token: string;

  constructor(options: DelhiverySimulatorOptions) {
    this.token = options.token;
  }

  /** Delhivery re-issued the token: the old one gets 401 from now on. */
  rotateToken(token: string): void {
    this.token = token;
  }

  get size(): number {
    return this.codes.size;
  }

  /** Replaces the whole dataset. */
  setPincodes(codes: readonly DelhiveryPostalCode[], changedOn = today()): void {
    this.codes.clear();
    for (const code of codes) this.codes.set(String(code.pin), { code: { ...code }, changedOn });
  }

  /** Adds or changes one pincode (marked changed today, or on `changedOn`). */
  upsertPincode(code: DelhiveryPostalCode, changedOn = today()): void {
    this.codes.set(String(code.pin), { code: { ...code }, changedOn });
  }

  /** Drops a pincode from the published list altogether. */
  removePincode(pin: string | number): boolean {
    return this.codes.delete(String(pin));
  }

  pincode(pin: string | number): DelhiveryPostalCode | undefined {
    const entry = this.codes.get(String(pin));
    return entry ? { ...entry.code } : undefined;
  }

  pincodes(): DelhiveryPostalCode[] {
    return [...this.codes.values()].map((e) => ({ ...e.code }));
  }

  serverErrorBody(): unknown {
    return { detail: 'A server error occurred.' };
  }

  handle(request: SimRequest): SimResponse {
    if (!/^\/c\/api\/pin-codes\/json\/?$/.test(request.path)) return { status: 404, body: { detail: 'Not found.' } };
    if (request.method !== 'GET') return { status: 405, body: { detail: `Method "${request.method}" not allowed.` } };
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Token ') ? header.slice(6).trim() : request.query.token;
    if (!token) return unauthorized('Authentication credentials were not provided.');
    if (token !== this.token) return unauthorized('Invalid token.');

    const filter = request.query.filter_codes ? new Set(request.query.filter_codes.split(',').map((p) => p.trim())) : null;
    const state = request.query.st?.toUpperCase();
    const since = request.query.dt;
    const rows = [...this.codes.entries()]
      .filter(([pin, e]) => (!filter || filter.has(pin)) && (!state || e.code.state_code === state) && (!since || e.changedOn >= since))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, e]) => ({ postal_code: { ...e.code } }));
    return { status: 200, body: { delivery_codes: rows } };
  }
}

function unauthorized(detail: string): SimResponse {
  return { status: 401, body: { detail }, headers: { 'www-authenticate': 'Token' } };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
