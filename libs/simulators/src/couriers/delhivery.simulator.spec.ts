import { CourierSimulatorServer } from './courier-simulator-server';
import { DelhiveryPostalCode, DelhiverySimulator } from './delhivery.simulator';

const code = (pin: number, over: Partial<DelhiveryPostalCode> = {}): DelhiveryPostalCode => ({
  pin, district: 'Pune', state_code: 'MH', pre_paid: 'Y', cash: 'Y', pickup: 'Y', repl: 'Y', cod: 'Y', is_oda: 'N', sort_code: 'PNQ/VAD', max_weight: 0.0, max_amount: 0.0, ...over,
});

/** Raw HTTP against the courier simulator server: the wire contract the Delhivery adapter relies on. */
describe('CourierSimulatorServer + DelhiverySimulator', () => {
  const server = new CourierSimulatorServer();
  const delhivery = server.register(new DelhiverySimulator({ token: 'tok' }));
  let base: string;
  beforeAll(async () => {
    await server.start();
    base = server.urlOf('delhivery');
    delhivery.setPincodes([code(411006), code(411007, { cod: 'N', cash: 'N' }), code(110011, { district: 'Central Delhi', state_code: 'DL' })], '2026-01-01');
  });
  afterAll(() => server.stop());

  const get = (path: string, token: string | null = 'tok') => fetch(`${base}${path}`, { headers: token ? { authorization: `Token ${token}` } : {} });

  it('lists delivery_codes[].postal_code with Y/N flags and numeric pins, by pin', async () => {
    const res = await get('/c/api/pin-codes/json/');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { delivery_codes: { postal_code: DelhiveryPostalCode }[] };
    expect(body.delivery_codes.map((d) => d.postal_code.pin)).toEqual([110011, 411006, 411007]);
    expect(body.delivery_codes[2].postal_code).toEqual(code(411007, { cod: 'N', cash: 'N' }));
  });

  it('filters by filter_codes, st and dt (changed on or after)', async () => {
    const pins = async (qs: string) => (((await (await get(`/c/api/pin-codes/json/?${qs}`)).json()) as { delivery_codes: { postal_code: DelhiveryPostalCode }[] }).delivery_codes.map((d) => d.postal_code.pin));
    expect(await pins('filter_codes=411007,110011')).toEqual([110011, 411007]);
    expect(await pins('st=DL')).toEqual([110011]);
    delhivery.upsertPincode(code(411008), '2026-03-01');
    expect(await pins('dt=2026-02-01')).toEqual([411008]);
    expect(delhivery.removePincode(411008)).toBe(true);
  });

  it('answers 401 with a detail for a missing or wrong token; ?token= works too', async () => {
    const missing = await get('/c/api/pin-codes/json/', null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const wrong = await get('/c/api/pin-codes/json/', 'nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ detail: 'Invalid token.' });
    expect((await get('/c/api/pin-codes/json/?token=tok', null)).status).toBe(200);
    delhivery.rotateToken('tok2');
    expect((await get('/c/api/pin-codes/json/')).status).toBe(401);
    delhivery.rotateToken('tok');
  });

  it('routes by courier prefix; unknown couriers and paths are 404; injected faults apply to the next requests', async () => {
    expect((await fetch(`${server.baseUrl}/xpressbees/anything`)).status).toBe(404);
    expect((await get('/api/unknown')).status).toBe(404);
    server.failNext(1, { status: 503 });
    expect((await get('/c/api/pin-codes/json/')).status).toBe(503);
    expect((await get('/c/api/pin-codes/json/')).status).toBe(200);
    expect(server.requestsTo('delhivery').at(-1)?.path).toBe('/c/api/pin-codes/json/');
  });
});
