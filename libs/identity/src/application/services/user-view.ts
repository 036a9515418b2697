import type { User } from '../../domain';

export interface UserResponse {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  phone: string | null;
  backupEmail: string | null;
  backupEmailVerified: boolean;
  platformAdmin: boolean;
  status: string;
  createdAt: string;
}

export function toUserResponse(user: User): UserResponse {
  const p = user.snapshot;
  return {
    id: user.id,
    name: p.name,
    email: p.email,
    emailVerified: !!p.emailVerifiedAt,
    phone: p.phone,
    backupEmail: p.backupEmail,
    backupEmailVerified: !!p.backupEmailVerifiedAt,
    platformAdmin: p.platformAdmin,
    status: p.status,
    createdAt: p.createdAt.toISOString(),
  };
}

/** Postgres unique_violation, whether raised by node-postgres or PGlite and whether Drizzle wrapped it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}
