import { CourierSimulatorServer, DelhiveryPostalCode, DelhiverySimulator } from '@shipcrowd/simulators';
import { CourierApiError, CourierAuthError } from '../../application/ports/pincode-list-source.port';
import { DelhiveryPincodeSource } from './delhivery-pincode-source';

const code = (pin: number, over: Partial<DelhiveryPostalCode> = {}): DelhiveryPostalCode => ({
  pin, district: 'Pune', state_code: 'MH', pre_paid: 'Y', cash: 'Y', pickup: 'Y', repl: 'N', cod: 'Y', is_oda: 'N', sort_code: 'PNQ/VAD', max_weight: 0.0, max_amount: 0.0, ...over,
});

/** The real adapter over HTTP against the simulator: mapping, auth, timeouts and retries. */
describe('DelhiveryPincodeSource', () => {
  const server = new CourierSimulatorServer();
  const sim = server.register(new DelhiverySimulator({ token: 'tok' }));
  let token = 'tok';
  const policy = { timeoutMs: 200, retries: 2, backoffMs: 10, breaker: { failures: 3, openMs: 60_000 } };
  let source: DelhiveryPincodeSource;
  beforeAll(async () => {
    await server.start();
    source = new DelhiveryPincodeSource(() => ({ baseUrl: server.urlOf('delhivery'), token }), policy);
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    token = 'tok';
    server.clearFaults();
    sim.setPincodes([code(411006, { is_oda: 'Y', max_weight: 12.5, max_amount: 50000 }), code(411007, { pre_paid: 'N', cash: 'N', cod: 'N', pickup: 'N', repl: 'N' }), code(411008, { cod: 'N' })]);
  });

  it('maps Y/N flags, kg and rupee limits (0 = none) and leaves out pincodes served in no way', async () => {
    expect(await source.fetchCoverage()).toEqual([
      { courier: 'delhivery', service: 'surface', pincode: '411006', prepaid: true, cod: true, pickup: true, reverse: false, oda: true, maxWeightGrams: 12500, maxCodPaise: 5000000 },
      { courier: 'delhivery', service: 'surface', pincode: '411008', prepaid: true, cod: false, pickup: true, reverse: false, oda: false, maxWeightGrams: null, maxCodPaise: null },
    ]);
    expect(server.requestsTo('delhivery').at(-1)?.headers.authorization).toBe('Token tok');
  });

  it('retries 5xx, 429, dropped connections and timeouts with back-off, then succeeds', async () => {
    const before = server.requests.length;
    server.failNext(1, { status: 503 });
    server.failNext(1, { drop: true });
    expect(await source.fetchCoverage()).toHaveLength(2);
    expect(server.requests.length - before).toBe(3);
    server.failNext(1, { status: 429 });
    server.failNext(1, { delayMs: 400 });
    expect(await source.fetchCoverage()).toHaveLength(2);
  });

  it('gives up after the retries with CourierApiError', async () => {
    server.failNext(3, { status: 502 });
    await expect(source.fetchCoverage()).rejects.toThrow(CourierApiError);
  });

  it('opens the circuit after failing fetches in a row, then fails fast without calling Delhivery', async () => {
    const breaking = new DelhiveryPincodeSource(() => ({ baseUrl: server.urlOf('delhivery'), token: 'tok' }), { ...policy, retries: 0 });
    server.failNext(3, { status: 500 });
    for (let i = 0; i < 3; i++) await expect(breaking.fetchCoverage()).rejects.toThrow(/after 1 attempts: HTTP 500/);
    expect(breaking.circuitOpen).toBe(true);
    const before = server.requests.length;
    await expect(breaking.fetchCoverage()).rejects.toThrow(/circuit open/);
    expect(server.requests.length).toBe(before);
  });

  it('fails at once on 401 (no retry) and without a token', async () => {
    token = 'wrong';
    const before = server.requests.length;
    await expect(source.fetchCoverage()).rejects.toThrow(CourierAuthError);
    expect(server.requests.length - before).toBe(1);
    token = '';
    await expect(source.fetchCoverage()).rejects.toThrow(/no API token/);
  });
});
