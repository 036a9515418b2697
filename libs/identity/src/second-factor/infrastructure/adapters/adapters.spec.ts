import { Logger } from '@nestjs/common';
import { SiteverifySimulator, TwilioSmsSimulator } from '@shipcrowd/simulators';
import { SmsDeliveryError } from '../../application/ports/sms-sender.port';
import { ResilienceOptions, ResilientHttp } from '@shipcrowd/platform';
import { SiteverifyClient } from './siteverify-client';
import { TwilioSmsSender } from './twilio-sms-sender';

Logger.overrideLogger(false);

const ACCOUNT = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'token-123' };

describe('TwilioSmsSender over HTTP against the Twilio simulator', () => {
  const simulator = new TwilioSmsSimulator(ACCOUNT);
  let delays: number[];
  const senders: TwilioSmsSender[] = [];

  beforeAll(() => simulator.start());
  afterAll(async () => {
    senders.forEach((s) => s.http.shutdown());
    await simulator.stop();
  });
  beforeEach(() => {
    simulator.clearFaults();
    simulator.requests.length = 0;
    delays = [];
  });

  function sender(options: Partial<ResilienceOptions> = {}, authToken = ACCOUNT.authToken): TwilioSmsSender {
    const http = new ResilientHttp({ name: 'twilio-test', timeoutMs: 1000, retries: 2, baseDelayMs: 100, maxDelayMs: 1000, ...options }, async (ms) => {
      delays.push(ms);
    });
    const s = new TwilioSmsSender({ baseUrl: simulator.baseUrl, accountSid: ACCOUNT.accountSid, authToken, from: '+15005550006' }, http);
    senders.push(s);
    return s;
  }

  async function failure(promise: Promise<unknown>): Promise<SmsDeliveryError> {
    try {
      await promise;
    } catch (error) {
      return error as SmsDeliveryError;
    }
    throw new Error('expected a failure');
  }

  it('sends with Basic auth and a form body, and returns the message sid', async () => {
    const { id } = await sender().send('+919876543210', '123456 is your code');
    expect(id).toMatch(/^SM[0-9a-f]{32}$/);
    expect(simulator.messagesTo('+919876543210').at(-1)).toMatchObject({ sid: id, body: '123456 is your code', from: '+15005550006' });
    const [request] = simulator.requests;
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT.accountSid}/Messages.json`);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT.accountSid}:${ACCOUNT.authToken}`).toString('base64')}`);
    expect(request.fields).toEqual({ To: '+919876543210', From: '+15005550006', Body: '123456 is your code' });
  });

  it('maps 21211 (invalid To) to sms.invalid_number on the phone field, without retrying', async () => {
    const error = await failure(sender().send('+12', 'hi'));
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect(error).toMatchObject({ code: 'sms.invalid_number', kind: 'validation', providerCode: 21211 });
    expect(error.details.errors?.[0].field).toBe('phone');
    expect(simulator.requests).toHaveLength(1);
  });

  it('maps 21614 (not a mobile number) to sms.recipient_unreachable', async () => {
    expect(await failure(sender().send('+15005550009', 'hi'))).toMatchObject({ code: 'sms.recipient_unreachable', providerCode: 21614 });
  });

  it('maps 20003 (bad credentials) to sms.unavailable, without retrying or leaking the provider detail', async () => {
    const error = await failure(sender({}, 'wrong-token').send('+919876543210', 'hi'));
    expect(error).toMatchObject({ code: 'sms.unavailable', kind: 'unavailable', providerCode: 20003, details: {} });
    expect(error.message).not.toMatch(/Authenticate|20003/);
    expect(simulator.requests).toHaveLength(1);
  });

  it('retries 5xx with growing, jittered backoff and then succeeds', async () => {
    simulator.failNext(2, { status: 500 });
    const { id } = await sender().send('+919876543211', 'after retries');
    expect(id).toMatch(/^SM/);
    expect(simulator.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
    expect(simulator.messagesTo('+919876543211')).toHaveLength(1);
  });

  it('retries a dropped connection and a timeout', async () => {
    simulator.failNext(1, { drop: true });
    simulator.failNext(1, { delayMs: 400, status: 201 });
    const { id } = await sender({ timeoutMs: 150 }).send('+919876543212', 'network trouble');
    expect(id).toMatch(/^SM/);
    expect(simulator.requests).toHaveLength(3);
  });

  it('gives up with sms.unavailable once the retries are spent', async () => {
    simulator.failNext(3, { status: 503 });
    expect(await failure(sender().send('+919876543213', 'x'))).toMatchObject({ code: 'sms.unavailable' });
    expect(simulator.requests).toHaveLength(3);
  });

  it('opens the circuit after repeated failures, fails fast while open, and closes after a good trial call', async () => {
    const s = sender({ retries: 0, breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 300 } });
    simulator.failNext(2, { status: 500 });
    await failure(s.send('+919876543214', 'a'));
    await failure(s.send('+919876543214', 'b'));
    expect(s.http.circuitState).toBe('open');
    const before = simulator.requests.length;
    expect(await failure(s.send('+919876543214', 'c'))).toMatchObject({ code: 'sms.unavailable' });
    expect(simulator.requests).toHaveLength(before); // never reached the provider
    await new Promise((r) => setTimeout(r, 350));
    expect((await s.send('+919876543214', 'd')).id).toMatch(/^SM/);
    expect(s.http.circuitState).toBe('closed');
  });

  it('does not count provider refusals (4xx) against the circuit', async () => {
    const s = sender({ retries: 0, breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 10_000 } });
    for (let i = 0; i < 4; i++) await failure(s.send('+1', 'x'));
    expect(s.http.circuitState).toBe('closed');
  });
});

describe('SiteverifyClient over HTTP against the siteverify simulator', () => {
  const turnstile = new SiteverifySimulator({ secret: 'site-secret' });
  const hcaptcha = new SiteverifySimulator({ flavour: 'hcaptcha', secret: 'site-secret' });
  const clients: SiteverifyClient[] = [];
  beforeAll(async () => {
    await turnstile.start();
    await hcaptcha.start();
  });
  afterAll(async () => {
    clients.forEach((c) => c.http.shutdown());
    await turnstile.stop();
    await hcaptcha.stop();
  });

  function client(simulator: SiteverifySimulator, secret = 'site-secret'): SiteverifyClient {
    const c = new SiteverifyClient({ url: `${simulator.baseUrl}/siteverify`, secret }, new ResilientHttp({ name: 'siteverify-test', retries: 1, baseDelayMs: 1 }));
    clients.push(c);
    return c;
  }

  it('accepts a good token once, sending secret, response and remoteip as a form', async () => {
    const c = client(turnstile);
    const result = await c.verify('pass-abc', '203.0.113.7');
    expect(result).toMatchObject({ success: true, errorCodes: [], hostname: 'localhost' });
    expect(result.challengeTs).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(turnstile.requests.at(-1)!.fields).toEqual({ secret: 'site-secret', response: 'pass-abc', remoteip: '203.0.113.7' });
    expect(await c.verify('pass-abc')).toEqual(expect.objectContaining({ success: false, errorCodes: ['timeout-or-duplicate'] }));
  });

  it('reports a bad token as invalid-input-response', async () => {
    expect(await client(turnstile).verify('bot-token')).toMatchObject({ success: false, errorCodes: ['invalid-input-response'] });
  });

  it('uses hCaptcha’s code for a reused token', async () => {
    const c = client(hcaptcha);
    expect((await c.verify('pass-h1')).success).toBe(true);
    expect(await c.verify('pass-h1')).toMatchObject({ success: false, errorCodes: ['already-seen-response'] });
  });

  it('treats a rejected or missing secret as our outage (captcha.unavailable), not as a bad token', async () => {
    await expect(client(turnstile, 'wrong').verify('pass-x1')).rejects.toMatchObject({ code: 'captcha.unavailable', kind: 'unavailable' });
    await expect(client(turnstile, '').verify('pass-x2')).rejects.toMatchObject({ code: 'captcha.unavailable' });
    expect(turnstile.requests.at(-1)!.fields.secret).toBe('');
  });

  it('retries a 5xx and fails with captcha.unavailable when the provider stays down', async () => {
    const c = client(turnstile);
    turnstile.failNext(1, { status: 502 });
    expect((await c.verify('pass-retry')).success).toBe(true);
    turnstile.failNext(2, { status: 500 });
    await expect(c.verify('pass-down')).rejects.toMatchObject({ code: 'captcha.unavailable' });
  });
});
