import { SiteverifySimulator } from './siteverify.simulator';
import { TwilioSmsSimulator } from './twilio-sms.simulator';

/** Raw HTTP against the simulators: the wire contract the adapters rely on. */
describe('TwilioSmsSimulator', () => {
  const sim = new TwilioSmsSimulator({ accountSid: 'ACtest', authToken: 'tok' });
  let base: string;
  beforeAll(async () => {
    base = await sim.start();
  });
  afterAll(() => sim.stop());

  const post = (fields: Record<string, string>, auth = 'ACtest:tok', sid = 'ACtest') =>
    fetch(`${base}/2010-04-01/Accounts/${sid}/Messages.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  it('answers 201 with a queued Message resource and keeps it in the inbox', async () => {
    const res = await post({ To: '+919800000001', From: '+15005550006', Body: 'hello' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { sid: string; uri: string };
    expect(body).toMatchObject({ account_sid: 'ACtest', status: 'queued', to: '+919800000001', from: '+15005550006', body: 'hello', direction: 'outbound-api', api_version: '2010-04-01' });
    expect(body.uri).toBe(`/2010-04-01/Accounts/ACtest/Messages/${body.sid}.json`);
    expect(sim.messagesTo('+919800000001').map((m) => m.sid)).toEqual([body.sid]);
  });

  it.each([
    [{ From: '+15005550006', Body: 'x' }, 21604],
    [{ To: '+919800000001', Body: 'x' }, 21603],
    [{ To: '+919800000001', From: '+15005550006' }, 21602],
    [{ To: '919800000001', From: '+15005550006', Body: 'x' }, 21211],
    [{ To: '+919800000001', From: '+15005550006', Body: 'x'.repeat(1601) }, 21617],
  ])('answers 400 with Twilio error for %j', async (fields, code) => {
    const res = await post(fields as Record<string, string>);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code, message: expect.any(String), more_info: `https://www.twilio.com/docs/errors/${code}`, status: 400 });
  });

  it('answers 401/20003 for bad credentials and 404/20404 for another account', async () => {
    const bad = await post({ To: '+919800000001', From: '+15005550006', Body: 'x' }, 'ACtest:nope');
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { code: number }).code).toBe(20003);
    const other = await post({ To: '+919800000001', From: '+15005550006', Body: 'x' }, 'ACtest:tok', 'ACother');
    expect(other.status).toBe(404);
    expect(((await other.json()) as { code: number }).code).toBe(20404);
  });
});

describe('SiteverifySimulator', () => {
  const sim = new SiteverifySimulator();
  let base: string;
  beforeAll(async () => {
    base = await sim.start();
  });
  afterAll(() => sim.stop());

  const verify = async (fields: Record<string, string>, json = false) => {
    const res = await fetch(`${base}/siteverify`, {
      method: 'POST',
      headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    });
    expect(res.status).toBe(200);
    return res.json();
  };

  it('follows the documented error codes (form and JSON bodies)', async () => {
    expect(await verify({ response: 'pass-1' })).toEqual({ success: false, 'error-codes': ['missing-input-secret'] });
    expect(await verify({ secret: 's' })).toEqual({ success: false, 'error-codes': ['missing-input-response'] });
    expect(await verify({ secret: 's', response: 'nope' })).toEqual({ success: false, 'error-codes': ['invalid-input-response'] });
    expect(await verify({ secret: 's', response: 'pass-1' }, true)).toMatchObject({ success: true, 'error-codes': [] });
    expect(await verify({ secret: 's', response: 'pass-1' })).toEqual({ success: false, 'error-codes': ['timeout-or-duplicate'] });
  });
});
