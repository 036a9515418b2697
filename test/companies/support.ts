import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { Global, Module } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditModule } from '@shipcrowd/audit';
import { CompaniesHttpModule } from '@shipcrowd/companies';
import { COMPANIES_FACADE, CompaniesFacade } from '@shipcrowd/companies/contracts';
import { IDENTITY_FACADE, IdentityFacade, UserView } from '@shipcrowd/identity/contracts';
import { AccessTokenClaims, LocalSmtpServer, StorageModule } from '@shipcrowd/platform';
import { createTestApp, TestApp } from '@shipcrowd/platform/testing';

/**
 * Identity is another context; these suites only need its facade: a directory of users and a record of
 * session revocations, so the tests can assert that removal and deactivation sign people out.
 */
export class RecordingIdentity implements IdentityFacade {
  readonly users = new Map<string, UserView>();
  readonly revoked: { userId: string; reason: string }[] = [];

  add(name: string, email: string, platformAdmin = false): UserView {
    const user: UserView = { id: randomUUID(), name, email: email.toLowerCase(), emailVerified: true, status: 'active', platformAdmin };
    this.users.set(user.id, user);
    return user;
  }
  async findUserByEmail(email: string) {
    return [...this.users.values()].find((u) => u.email === email.toLowerCase()) ?? null;
  }
  async getUser(userId: string) {
    return this.users.get(userId) ?? null;
  }
  async revokeAllSessions(userId: string, reason: string) {
    this.revoked.push({ userId, reason });
  }
}

export const identity = new RecordingIdentity();

@Global()
@Module({ providers: [{ provide: IDENTITY_FACADE, useValue: identity }], exports: [IDENTITY_FACADE] })
class FakeIdentityModule {}

export async function companiesTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = `.data/test/files-${randomUUID()}`;
  const t = await createTestApp({ imports: [FakeIdentityModule, AuditModule, StorageModule, CompaniesHttpModule], env: { STORAGE_LOCAL_DIR: dir, ...env } });
  const close = t.close;
  return { ...t, close: async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  } };
}

export interface Seat {
  user: UserView;
  companyId: string;
  role: string;
  token: string;
}

/** Access tokens as identity would issue them (claims per AccessTokenClaims). */
export function signAccess(t: TestApp, claims: Partial<AccessTokenClaims> & { sub: string }): string {
  const full: AccessTokenClaims = { cid: null, sid: randomUUID(), role: null, perms: [], pa: false, typ: 'access', ...claims };
  return t.get(JwtService).sign(full);
}

export async function tokenFor(t: TestApp, userId: string, companyId: string): Promise<string> {
  const membership = await t.get<CompaniesFacade>(COMPANIES_FACADE).membershipOf(userId, companyId);
  if (!membership) throw new Error('no membership');
  return signAccess(t, { sub: userId, cid: companyId, role: membership.role, perms: membership.permissions });
}

/** A company with its owner, through the facade (as registration does). */
export async function seedCompany(t: TestApp, companyName: string, ownerName = 'Asha Owner'): Promise<Seat> {
  const user = identity.add(ownerName, `${randomUUID().slice(0, 8)}@owner.example.in`);
  const { companyId } = await t.get<CompaniesFacade>(COMPANIES_FACADE).createCompanyWithOwner({ ownerUserId: user.id, ownerEmail: user.email, ownerName: user.name, companyName });
  return { user, companyId, role: 'owner', token: await tokenFor(t, user.id, companyId) };
}

/** Invites over HTTP, reads the token from the real email, accepts through the facade. */
export async function addMember(t: TestApp, inviter: Seat, role: string, name = 'Teammate'): Promise<Seat> {
  const user = identity.add(name, `${randomUUID().slice(0, 8)}@team.example.in`);
  const res = await t.http({ method: 'POST', url: '/v1/team/invitations', token: inviter.token, payload: { email: user.email, role } });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  const token = await invitationTokenFromMail(t, user.email);
  await t.get<CompaniesFacade>(COMPANIES_FACADE).acceptInvitation({ token, userId: user.id, email: user.email, name: user.name });
  return { user, companyId: inviter.companyId, role, token: await tokenFor(t, user.id, inviter.companyId) };
}

/** The token from the `nth` (0-based) invitation email sent to `email` (the SMTP server parses asynchronously, so poll). */
export async function invitationTokenFromMail(t: TestApp, email: string, nth = 0): Promise<string> {
  const server = t.get(LocalSmtpServer);
  for (let waited = 0; waited < 5000; waited += 20) {
    const mails = server.received.filter((m) => m.to.includes(email));
    if (mails.length > nth) {
      const match = /accept-invite\?token=([A-Za-z0-9_%-]+)/.exec(mails[nth].text);
      if (!match) throw new Error('no invitation link in the email');
      return decodeURIComponent(match[1]);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no invitation email #${nth} for ${email}`);
}

export function platformAdminToken(t: TestApp): string {
  const admin = identity.add('Staff', `${randomUUID().slice(0, 8)}@shipcrowd.example`, true);
  return signAccess(t, { sub: admin.id, pa: true });
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
