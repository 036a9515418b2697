import { randomUUID } from 'node:crypto';
import { AuditModule } from '@shipcrowd/audit';
import { CourierSandboxHost, CouriersHttpModule, CouriersModule, simulatorPrefixOf } from '@shipcrowd/couriers';
import { COURIERS_FACADE, CouriersFacade } from '@shipcrowd/couriers/contracts';
import { APP_CONFIG, AppConfig, ConfigError, loadConfig } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';
import { CourierEndpoints } from '../../libs/couriers/src/infrastructure/courier-endpoints';
import { bookingFixture } from '../../libs/couriers/src/testing/booking-fixture';
import { SANDBOX_KEY, SANDBOX_WEBHOOK_SECRET, TestCourierAdapter, TestCourierApi } from './support';

describe('courier sandbox host (COURIER_MODE=sandbox without COURIER_SIMULATOR_URL)', () => {
  const pushing = new TestCourierApi('delhivery-b2b', [SANDBOX_KEY]);
  const polled = new TestCourierApi('ecom-express', [SANDBOX_KEY]);
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [
        AuditModule,
        CouriersModule.withAdapters([new TestCourierAdapter('delhivery_b2b'), new TestCourierAdapter('ecom_express', undefined, { webhookPush: false })], [pushing, polled]),
        CouriersHttpModule,
      ],
      env: { COURIER_MODE: 'sandbox' },
    });
  });
  afterAll(() => t.close());

  it('mounts every simulator on one in-process server, at the courier code with dashes', async () => {
    expect(simulatorPrefixOf('delhivery_b2b')).toBe('delhivery-b2b');
    const host = t.get(CourierSandboxHost);
    expect(host.running).toBe(true);
    expect(host.urlOf('delhivery_b2b')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/delhivery-b2b$/);
    expect(new URL(host.urlOf('ecom_express')).port).toBe(new URL(host.urlOf('delhivery_b2b')).port);
    const couriers = t.get<CouriersFacade>(COURIERS_FACADE);
    const { awb } = await couriers.book(randomUUID(), 'ecom_express', bookingFixture());
    expect(awb).toMatch(/^TX/);
    expect(polled.keysUsed).toEqual([SANDBOX_KEY]);
    expect(pushing.keysUsed).toEqual([]);
  });

  it("points pushing couriers' webhooks at this API with the sandbox webhook secret", () => {
    const port = t.get<AppConfig>(APP_CONFIG).PORT;
    expect(pushing.webhook).toEqual({ url: `http://127.0.0.1:${port}/v1/courier-webhooks/delhivery_b2b`, secret: SANDBOX_WEBHOOK_SECRET });
    expect(polled.webhook).toEqual({ url: null, secret: null });
  });

  it('stops the server with the application', async () => {
    const url = t.get(CourierSandboxHost).urlOf('ecom_express');
    await t.close();
    await expect(fetch(`${url}/track?awb=X`)).rejects.toThrow();
    t = await createTestApp({ imports: [AuditModule, CouriersModule.withAdapters([new TestCourierAdapter('ecom_express')])], env: { COURIER_MODE: 'live' } });
    expect(t.get(CourierSandboxHost).running).toBe(false);
    expect(() => t.get(CourierSandboxHost).urlOf('ecom_express')).toThrow(/not running/);
  });
});

describe('courier base URLs', () => {
  const adapter = new TestCourierAdapter('delhivery_b2b', 'https://btob.example.in/api/');
  const inProcess = { urlOf: (courier: string) => `http://127.0.0.1:1/${simulatorPrefixOf(courier)}` } as CourierSandboxHost;
  const baseUrl = (env: Record<string, string>) => new CourierEndpoints(loadConfig(env), inProcess).baseUrlOf(adapter);

  it('live: COURIER_BASE_URLS for the courier, else the adapter’s own host', () => {
    expect(baseUrl({ COURIER_MODE: 'live' })).toBe('https://btob.example.in/api');
    expect(baseUrl({ COURIER_MODE: 'live', COURIER_BASE_URLS: '{"delhivery_b2b":"https://staging.example.in/"}' })).toBe('https://staging.example.in');
    expect(baseUrl({ COURIER_MODE: 'live', COURIER_BASE_URLS: '{"dtdc":"https://dtdc.example.in"}' })).toBe('https://btob.example.in/api');
  });

  it('sandbox: the external simulators under the courier’s prefix, else the in-process server', () => {
    expect(baseUrl({ COURIER_MODE: 'sandbox', COURIER_SIMULATOR_URL: 'http://sims.local:4010/' })).toBe('http://sims.local:4010/delhivery-b2b');
    expect(baseUrl({ COURIER_MODE: 'sandbox' })).toBe('http://127.0.0.1:1/delhivery-b2b');
  });

  it('refuses COURIER_BASE_URLS that is not a JSON object of known couriers to URLs', () => {
    expect(() => loadConfig({ COURIER_BASE_URLS: '{not json' })).toThrow(/COURIER_BASE_URLS is invalid: must be a JSON object/);
    expect(() => loadConfig({ COURIER_BASE_URLS: '{"dtdc":"not a url"}' })).toThrow(ConfigError);
    expect(() => baseUrl({ COURIER_MODE: 'live', COURIER_BASE_URLS: '{"fedex":"https://fedex.example"}' })).toThrow(/COURIER_BASE_URLS names couriers that do not exist: fedex/);
  });
});
