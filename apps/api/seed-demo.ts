import 'reflect-metadata';
import 'dotenv/config';
import { CommandBus } from '@nestjs/cqrs';
import { GrantPlatformAdmin } from '@shipcrowd/identity';
import { createHttpApp, loadConfig, LocalSmtpServer } from '@shipcrowd/platform';
import { rootModule } from './root';

/**
 * `npm run seed:demo`: a demo seller company with its owner, a warehouse and three orders, plus a platform admin,
 * created through the real API routes (registration, email verification, warehouses, orders), so Swagger UI can be
 * tried at once. Safe to run twice.
 */
const SELLER = { name: 'Asha Demo', email: 'demo@shipcrowd.local', password: 'demo-password-2026', phone: '+919876543210', companyName: 'Demo Handlooms Pvt Ltd' };
const ADMIN = { name: 'Ravi Admin', email: 'admin@shipcrowd.local', password: 'admin-password-2026', phone: '+919876543211', companyName: 'Shipcrowd Operations' };

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL && (await serverAnswers(config.PORT))) {
    throw new Error(`an API is running on port ${config.PORT} with the embedded PGlite; stop it first (PGlite allows one process), then run seed:demo and start it again`);
  }
  const app = await createHttpApp(rootModule({ api: true, worker: false }, { env: { MAIL_TRANSPORT: 'local', LOCAL_SMTP_PORT: '0', RATE_LIMIT_AUTH_MAX: '1000' } }));
  await app.init();
  try {
    const mailbox = app.get(LocalSmtpServer);
    for (const account of [SELLER, ADMIN]) {
      const register = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: account });
      if (register.statusCode === 201) {
        const mail = await mailbox.waitFor((m) => m.to.includes(account.email) && /verif/i.test(m.subject));
        const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
        if (token) await app.inject({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } });
      } else if (register.json().code !== 'auth.email_taken') {
        throw new Error(`registering ${account.email} failed: ${register.body}`);
      }
    }
    await app.get(CommandBus).execute(new GrantPlatformAdmin(ADMIN.email));
    const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: SELLER.email, password: SELLER.password } });
    if (login.statusCode === 200) await seedShippingData(app, login.json().accessToken);
    const url = `http://localhost:${config.PORT}/docs`;
    process.stdout.write(
      [
        'Demo data ready (a Bengaluru warehouse and orders DEMO-1001..1003 for the seller).',
        `  seller owner:   ${SELLER.email} / ${SELLER.password}  (company "${SELLER.companyName}")`,
        `  platform admin: ${ADMIN.email} / ${ADMIN.password}`,
        `Start the API (npm start), open ${url}, call POST /v1/auth/login with one of these, then click Authorize and paste the accessToken.`,
        login.statusCode === 200 ? `A seller access token valid for ${config.JWT_ACCESS_TTL_SECONDS / 60} minutes:\n  ${login.json().accessToken}` : '',
      ]
        .filter(Boolean)
        .join('\n') + '\n',
    );
  } finally {
    await app.close();
  }
}

type App = Awaited<ReturnType<typeof createHttpApp>>;

/** A warehouse in Bengaluru and three orders (prepaid, COD, B2B), so quotes and order screens have data. Skips what exists. */
async function seedShippingData(app: App, token: string): Promise<void> {
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) => app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
  const warehouses = await call('GET', '/v1/warehouses');
  if (warehouses.statusCode === 200 && warehouses.json().items.length === 0) {
    const created = await call('POST', '/v1/warehouses', {
      code: 'BLR-1', name: 'Bengaluru warehouse', contactName: 'Asha Demo', contactPhone: SELLER.phone,
      addressLine1: 'Plot 42, 3rd Cross, Peenya Industrial Area', pincode: '560058',
    });
    if (created.statusCode !== 201) throw new Error(`creating the demo warehouse failed: ${created.body}`);
  }
  const buyer = (name: string, phone: string) => ({ name, phone, email: `${name.split(' ')[0].toLowerCase()}@example.in` });
  const orders = [
    { orderNumber: 'DEMO-1001', paymentMode: 'prepaid', buyer: buyer('Meera Iyer', '+919812345601'),
      shippingAddress: { line1: 'Flat 12, Sunrise Apartments, 4th Cross', landmark: 'Near Metro Station', city: 'Mumbai', state: 'Maharashtra', pincode: '400001' },
      items: [{ sku: 'SAREE-SILK-RED', name: 'Red silk saree', quantity: 1, unitPricePaise: 459900, taxRatePercent: 5 }],
      packages: [{ weightGrams: 800, lengthCm: 35, breadthCm: 25, heightCm: 6 }], tags: ['demo'] },
    { orderNumber: 'DEMO-1002', paymentMode: 'cod', buyer: buyer('Rahul Verma', '+919812345602'),
      shippingAddress: { line1: 'House 7, Sector 15', landmark: 'Opposite City Park', city: 'Gurugram', state: 'Haryana', pincode: '122001' },
      items: [{ sku: 'DUPATTA-BLUE', name: 'Blue cotton dupatta', quantity: 2, unitPricePaise: 89900, taxRatePercent: 5 }],
      packages: [{ weightGrams: 400, lengthCm: 25, breadthCm: 20, heightCm: 4 }], tags: ['demo', 'cod'] },
    { orderNumber: 'DEMO-1003', type: 'b2b', paymentMode: 'prepaid', buyer: { ...buyer('Kiran Textiles', '+919812345603'), companyName: 'Kiran Textiles LLP', gstin: '27AAPFU0939F1ZV' },
      shippingAddress: { line1: 'Gala 5, Textile Market, Kalbadevi Road', landmark: 'Near Mangaldas Market', city: 'Mumbai', state: 'Maharashtra', pincode: '400002' },
      items: [{ sku: 'FABRIC-BOLT', name: 'Handloom cotton fabric bolt', quantity: 20, unitPricePaise: 250000, taxRatePercent: 5, hsnCode: '5208' }],
      packages: [{ weightGrams: 12000, lengthCm: 60, breadthCm: 40, heightCm: 40 }, { weightGrams: 12000, lengthCm: 60, breadthCm: 40, heightCm: 40 }],
      b2b: { invoiceNumber: 'INV-DEMO-1003', invoiceValuePaise: 5250000, freightMode: 'ptl', boxCount: 2 }, tags: ['demo', 'b2b'] },
  ];
  for (const order of orders) {
    const res = await call('POST', '/v1/orders', order);
    if (res.statusCode !== 201 && res.statusCode !== 409) throw new Error(`creating demo order ${order.orderNumber} failed: ${res.body}`);
  }
}

async function serverAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

main().catch((error: Error) => {
  process.stderr.write(`seed:demo failed: ${error.message}\n`);
  process.exit(1);
});
