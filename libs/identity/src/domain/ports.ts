import type { User } from './user';

/** Repository ports. Implementations (Drizzle) use the open unit of work's transaction. */
export abstract class UserRepository {
  abstract findById(id: string): Promise<User | null>;
  abstract findByEmail(email: string): Promise<User | null>;
  abstract findByGoogleSubject(subject: string): Promise<User | null>;
  abstract add(user: User): Promise<void>;
  /** Optimistic: fails with ConcurrencyError when the row changed since it was loaded. */
  abstract save(user: User): Promise<void>;
  abstract dueForDeletion(now: Date, limit: number): Promise<string[]>;
  abstract delete(id: string): Promise<void>;
}

export interface SessionRecord {
  id: string;
  userId: string;
  familyId: string;
  companyId: string | null;
  deviceLabel: string;
  deviceFingerprint: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export abstract class SessionRepository {
  abstract add(session: SessionRecord): Promise<void>;
  abstract findById(id: string): Promise<SessionRecord | null>;
  abstract listActive(userId: string, now: Date): Promise<SessionRecord[]>;
  abstract hasSeenDevice(userId: string, fingerprint: string): Promise<boolean>;
  abstract touch(id: string, changes: { companyId?: string | null; lastSeenAt: Date; expiresAt: Date; ip?: string | null }): Promise<void>;
  /** Each returns the ids it actually revoked (already revoked ones are left alone). */
  abstract revoke(id: string, userId: string, reason: string, now: Date): Promise<string[]>;
  abstract revokeFamily(familyId: string, reason: string, now: Date): Promise<string[]>;
  abstract revokeAllOf(userId: string, reason: string, now: Date, exceptSessionId?: string): Promise<string[]>;
}

export interface RefreshTokenRecord {
  id: string;
  sessionId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export abstract class RefreshTokenRepository {
  abstract add(token: Omit<RefreshTokenRecord, 'usedAt'>): Promise<void>;
  abstract findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /** Compare-and-set: true only for the caller that marked it first (two racing refreshes cannot both win). */
  abstract markUsed(id: string, now: Date): Promise<boolean>;
}

export type EmailTokenPurpose = 'verify_email' | 'password_reset' | 'email_change' | 'backup_email';

export interface EmailTokenRecord {
  id: string;
  userId: string;
  purpose: EmailTokenPurpose;
  tokenHash: string;
  email: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export abstract class EmailTokenRepository {
  abstract add(token: Omit<EmailTokenRecord, 'usedAt'>): Promise<void>;
  abstract findByHash(tokenHash: string): Promise<EmailTokenRecord | null>;
  abstract markUsed(id: string, now: Date): Promise<boolean>;
  /** Earlier unused tokens of the same purpose stop working when a new one is sent. */
  abstract invalidate(userId: string, purpose: EmailTokenPurpose, now: Date): Promise<void>;
}

export interface ApiKeyRecord {
  id: string;
  companyId: string;
  createdByUserId: string;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export abstract class ApiKeyRepository {
  abstract add(key: ApiKeyRecord): Promise<void>;
  abstract listForCompany(companyId: string): Promise<ApiKeyRecord[]>;
  abstract findByPrefix(prefix: string): Promise<ApiKeyRecord | null>;
  abstract revoke(id: string, now: Date): Promise<ApiKeyRecord | null>;
  /** Writes last_used_at only when the stored value is older than `notBefore` (one write per minute at most). */
  abstract touchLastUsed(id: string, now: Date, notBefore: Date): Promise<void>;
}
