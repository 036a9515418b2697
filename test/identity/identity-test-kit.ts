import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule, CompaniesModule } from '@shipcrowd/companies';
import { IdentityModule } from '@shipcrowd/identity';
import { sql } from 'drizzle-orm';
import { LocalSmtpServer, queryRows, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';

export const PASSWORD = 'correct horse battery staple';
export const UA_CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
export const UA_FIREFOX_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0';

/** `teamRoutes`: also serve the companies context's HTTP routes (team members, invitations). */
export function startIdentityApp(env: Record<string, string> = {}, options: { teamRoutes?: boolean } = {}): Promise<TestApp> {
  const companies = options.teamRoutes ? [CompaniesModule, CompaniesHttpModule] : [CompaniesModule];
  return createTestApp({ imports: [AuditModule, ...companies, IdentityModule], env: { RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_MAX: '100000', ...env } });
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@Example.in`;
}

export interface Registered {
  email: string;
  userId: string;
  companyId: string;
  accessToken: string;
  refreshToken: string;
}

export async function register(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Registered> {
  const email = (overrides.email as string) ?? uniqueEmail();
  const res = await t.http({
    method: 'POST',
    url: '/v1/auth/register',
    headers: { 'user-agent': UA_CHROME_WIN },
    payload: { name: 'Asha Verma', email, password: PASSWORD, phone: '9876543210', companyName: 'Verma Handicrafts', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { email: email.toLowerCase(), userId: body.user.id, companyId: body.companyId, accessToken: body.accessToken, refreshToken: body.refreshToken };
}

export async function login(t: TestApp, email: string, password = PASSWORD, extra: Record<string, unknown> = {}, userAgent = UA_CHROME_WIN) {
  return t.http({ method: 'POST', url: '/v1/auth/login', headers: { 'user-agent': userAgent }, payload: { email, password, ...extra } });
}

/** The token from the newest email with this template sent to `to` (read from the real local SMTP server). */
export async function tokenFromMail(t: TestApp, to: string, template: string, after = 0): Promise<string> {
  const smtp = t.get(LocalSmtpServer);
  const mail = await smtp.waitFor((m) => m.to.includes(to.toLowerCase()) && m.template === template && m.receivedAt.getTime() >= after);
  const match = /token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error(`no token in ${template} mail`);
  return match[1];
}

export function mailsTo(t: TestApp, to: string, template?: string) {
  return t.get(LocalSmtpServer).messagesTo(to).filter((m) => !template || m.template === template);
}

/** Audit entries with this action about this target (read with system scope: platform-chain rows have no company). */
export async function auditCount(t: TestApp, action: string, targetId: string): Promise<number> {
  const [row] = await t.get(UnitOfWork).run({ system: true }, (tx) =>
    queryRows<{ n: number }>(tx, sql`select count(*)::int as n from audit.audit_log where action = ${action} and target_id = ${targetId}`),
  );
  return row.n;
}
