import { JwtService } from '@nestjs/jwt';
import { newId } from '@shipcrowd/kernel';
import type { AccessTokenClaims } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';

/** Signs an access token the way identity does, so suites need not sign anyone up. */
export function accessToken(t: TestApp, claims: Partial<AccessTokenClaims> = {}): string {
  const full: AccessTokenClaims = { sub: newId(), cid: null, sid: newId(), role: null, perms: [], pa: false, typ: 'access', ...claims };
  return t.get(JwtService).sign(full);
}
