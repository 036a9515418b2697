/**
 * Who changes courier credentials, and whose they are: a company's member for the company's own account, or a
 * platform admin for the platform's (owner null). The interface layer builds it from the principal.
 */
export interface CredentialsActor {
  userId: string;
  /** The company whose own credentials these are; null = the platform's courier accounts. */
  owner: string | null;
  via: 'jwt' | 'api_key';
}

/** Replaces the owner's credentials for a courier (every field the courier issues, none other). */
export class SetCourierCredentials {
  constructor(
    readonly actor: CredentialsActor,
    readonly courier: string,
    readonly credentials: Readonly<Record<string, unknown>>,
  ) {}
}

/** Removes the owner's credentials for a courier (no-op when none are stored). */
export class RemoveCourierCredentials {
  constructor(
    readonly actor: CredentialsActor,
    readonly courier: string,
  ) {}
}

/** The owner's credentials for a courier, masked (query). */
export class GetCourierCredentials {
  constructor(
    readonly owner: string | null,
    readonly courier: string,
  ) {}
}

/** Re-seals every credential sealed under an older ENCRYPTION_KEY key with the current one (daily schedule). */
export class ResealCourierCredentials {}

export interface CourierCredentialsView {
  courier: string;
  owner: 'company' | 'platform';
  configured: boolean;
  fields: { name: string; set: boolean; lastFour: string | null }[];
  updatedAt: string | null;
  updatedBy: string | null;
  /** The company account's public id (null for the platform's, or when nothing is stored). */
  accountId: string | null;
  /**
   * Where the courier should push scans for these credentials (paste into the courier's panel): a company account's
   * own address, or the platform's per-courier one; null when the courier pushes none or nothing is stored.
   */
  webhookPath: string | null;
  /** webhookPath on PUBLIC_BASE_URL. */
  webhookUrl: string | null;
}
