import 'reflect-metadata';
import 'dotenv/config';
import { CommandBus } from '@nestjs/cqrs';
import { GrantPlatformAdmin } from '@shipcrowd/identity';
import { createHttpApp, loadConfig, LocalSmtpServer } from '@shipcrowd/platform';
import { rootModule } from './root';

/**
 * `npm run seed:demo`: a demo seller company with its owner, plus a platform admin, created through the
 * real API routes (registration, email verification), so Swagger UI can be tried at once. Safe to run twice.
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
    const url = `http://localhost:${config.PORT}/docs`;
    process.stdout.write(
      [
        'Demo data ready.',
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
