import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { CommandBus } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { sql } from 'drizzle-orm';
import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { GrantPlatformAdmin, IdentityModule } from '@shipcrowd/identity';
import { AccessTokenClaims, LocalSmtpServer, queryRows, StorageModule, UnitOfWork } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';

export const PASSWORD = 'correct horse battery staple';

/** The companies HTTP API with the real identity context (registration, sign-in, sessions, revocation). */
export async function companiesTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = `.data/test/files-${randomUUID()}`;
  const t = await createTestApp({
    imports: [AuditModule, StorageModule, IdentityModule, CompaniesHttpModule],
    env: { STORAGE_LOCAL_DIR: dir, RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_MAX: '100000', ...env },
  });
  const close = t.close;
  return { ...t, close: async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  } };
}

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface Seat {
  user: Person;
  companyId: string;
  role: string;
  /** Mutable: suites sign a person in again after their sessions were revoked. */
  token: string;
}

let counter = 0;
/** A lower-case address no other test in the run uses. */
export function uniqueEmail(tag = 'user'): string {
  counter += 1;
  return `${tag}.${counter}.${randomUUID().slice(0, 8)}@example.in`;
}

/** POST /v1/auth/register: a new company (companyName) or the inviting one (invitationToken). */
export async function registerUser(t: TestApp, input: { name: string; email?: string; companyName?: string; invitationToken?: string }): Promise<{ user: Person; companyId: string; token: string }> {
  const email = input.email ?? uniqueEmail();
  const res = await t.http({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { name: input.name, email, password: PASSWORD, phone: '9876543210', companyName: input.companyName, invitationToken: input.invitationToken },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { user: { id: body.user.id, name: body.user.name, email: body.user.email }, companyId: body.companyId, token: body.accessToken };
}

/** POST /v1/auth/login: a fresh session for the company the person used last (or none). */
export async function signIn(t: TestApp, user: Pick<Person, 'email'>): Promise<string> {
  const res = await t.http({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return res.json().accessToken;
}

/** A company with its owner, through sign-up. */
export async function seedCompany(t: TestApp, companyName: string, ownerName = 'Asha Owner'): Promise<Seat> {
  const { user, companyId, token } = await registerUser(t, { name: ownerName, email: uniqueEmail('owner'), companyName });
  return { user, companyId, role: 'owner', token };
}

/** Invites over HTTP, reads the token from the real email, and the invitee signs up with it. */
export async function addMember(t: TestApp, inviter: Seat, role: string, name = 'Teammate'): Promise<Seat> {
  const email = uniqueEmail('team');
  const res = await t.http({ method: 'POST', url: '/v1/team/invitations', token: inviter.token, payload: { email, role } });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  const invitationToken = await invitationTokenFromMail(t, email);
  const joined = await registerUser(t, { name, email, invitationToken });
  if (joined.companyId !== inviter.companyId) throw new Error('the invitee did not land in the inviting company');
  return { user: joined.user, companyId: inviter.companyId, role, token: joined.token };
}

/** The token from the `nth` (0-based) invitation email sent to `email` (the SMTP server parses asynchronously, so poll). */
export async function invitationTokenFromMail(t: TestApp, email: string, nth = 0): Promise<string> {
  const server = t.get(LocalSmtpServer);
  const address = email.toLowerCase();
  for (let waited = 0; waited < 5000; waited += 20) {
    const mails = server.received.filter((m) => m.to.includes(address) && m.template === 'companies.invitation');
    if (mails.length > nth) {
      const match = /accept-invite\?token=([A-Za-z0-9_%-]+)/.exec(mails[nth].text);
      if (!match) throw new Error('no invitation link in the email');
      return decodeURIComponent(match[1]);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no invitation email #${nth} for ${email}`);
}

/**
 * A signed-in person who belongs to no company. Sign-up always creates or joins one, so they join `host`
 * through an invitation and are removed again (as staff and former employees are).
 */
export async function companylessUser(t: TestApp, host: Seat, name: string): Promise<{ user: Person; token: string }> {
  const joined = await addMember(t, host, 'viewer', name);
  const removed = await t.http({ method: 'DELETE', url: `/v1/team/members/${joined.user.id}`, token: host.token });
  if (removed.statusCode !== 204) throw new Error(`remove failed: ${removed.statusCode} ${removed.body}`);
  return { user: joined.user, token: await signIn(t, joined.user) };
}

/** Shipcrowd staff: granted platform admin by the operator command, then signed in again (the claim is in the token). */
export async function platformAdminToken(t: TestApp, host: Seat): Promise<string> {
  const staff = await companylessUser(t, host, 'Shipcrowd Staff');
  await t.get(CommandBus).execute(new GrantPlatformAdmin(staff.user.email));
  return signIn(t, staff.user);
}

/** Why each of the person's sessions was revoked (null while still signed in), oldest first. */
export async function sessionRevocations(t: TestApp, userId: string): Promise<(string | null)[]> {
  const rows = await t.get(UnitOfWork).run({ system: true }, (tx) =>
    queryRows<{ reason: string | null }>(tx, sql`select revoked_reason as reason from identity.sessions where user_id = ${userId} order by created_at, id`),
  );
  return rows.map((r) => r.reason);
}

/**
 * The same claims as `token` under a session the revocation list has never seen: what a leftover token
 * would look like if a revocation were lost (e.g. Redis unavailable). The companies rules must still refuse it.
 */
export function withLostRevocation(t: TestApp, token: string): string {
  const { iat: _iat, exp: _exp, ...claims } = t.get(JwtService).decode<AccessTokenClaims & { iat: number; exp: number }>(token);
  return t.get(JwtService).sign({ ...claims, sid: randomUUID() });
}

/** Someone about to sign up: identity calls the companies facade with this id before the user row exists. */
export function prospect(name: string): Person {
  return { id: randomUUID(), name, email: uniqueEmail('prospect') };
}

// ---- images ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real, decodable RGB PNG of the given size (solid colour). */
export function pngImage(width: number, height: number, rgb: [number, number, number] = [26, 115, 232]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export function multipart(field: string, filename: string, contentType: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----shipcrowd${randomUUID().replace(/-/g, '')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
