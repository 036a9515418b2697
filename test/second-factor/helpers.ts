import { JwtService } from '@nestjs/jwt';
import { sql } from 'drizzle-orm';
import { newId } from '@shipcrowd/kernel';
import { AccessTokenClaims, queryRows, UnitOfWork } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';

export interface SignedInUser {
  id: string;
  email: string;
  token: string;
}

/** Inserts an identity.users row and signs an access token for it, as sign-in would. */
export async function signedInUser(t: TestApp, email = `user-${newId().slice(-12)}@example.in`): Promise<SignedInUser> {
  const id = newId();
  await t.get(UnitOfWork).run({ system: true }, (tx) => tx.execute(sql`insert into identity.users (id, email, name) values (${id}, ${email}, 'Asha Rao')`));
  const claims: AccessTokenClaims = { sub: id, cid: null, sid: newId(), role: null, perms: [], pa: false, typ: 'access' };
  return { id, email, token: await t.get(JwtService).signAsync(claims) };
}

export async function auditActions(t: TestApp, userId: string): Promise<string[]> {
  const rows = await t.get(UnitOfWork).run({ system: true }, (tx) =>
    queryRows<{ action: string }>(tx, sql`select action from audit.audit_log where actor_user_id = ${userId} order by seq`),
  );
  return rows.map((r) => r.action);
}

export function codeFromSms(body: string): string {
  const match = /\b(\d{6})\b/.exec(body);
  if (!match) throw new Error(`no code in SMS: ${body}`);
  return match[1];
}
