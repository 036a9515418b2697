import { Inject, Injectable, Logger } from '@nestjs/common';
import { and, asc, eq, gt, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import { CLOCK, Clock, newId } from '@shipcrowd/kernel';
import { SecretBox, UnitOfWork } from '@shipcrowd/platform';
import type { CourierCredentials } from '../../application/ports/courier-provider';
import { courierCredentials } from './couriers.schema';

/** The SecretBox that seals courier credentials (ENCRYPTION_KEY; first key seals, every listed key opens). */
export const COURIER_SECRET_BOX = Symbol('CourierSecretBox');

/** A company id, or null for the platform's own courier accounts. */
export type CredentialOwner = string | null;

export interface StoredCredentials {
  /** The account's public id (a company's account is addressed by it, e.g. in its webhook URL); kept when credentials are replaced. */
  id: string;
  companyId: CredentialOwner;
  courier: string;
  credentials: CourierCredentials;
  keyId: string;
  updatedAt: Date;
  updatedBy: string | null;
}

const RESEAL_BATCH = 100;

/** Sealed to one owner and courier: a row moved to another owner or courier fails to open. */
function associatedData(companyId: CredentialOwner, courier: string): string {
  return `couriers.courier_credentials:${courier}:${companyId ?? 'platform'}`;
}

const ownerIs = (companyId: CredentialOwner) => (companyId ? eq(courierCredentials.companyId, companyId) : isNull(courierCredentials.companyId));

/**
 * Courier credentials at rest, sealed with SecretBox. Runs inside the caller's unit of work: a company scope sees the
 * company's rows and the platform's, system scope sees every row (row-level security decides).
 */
@Injectable()
export class CourierCredentialStore {
  private readonly logger = new Logger('couriers');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(COURIER_SECRET_BOX) private readonly box: SecretBox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async find(companyId: CredentialOwner, courier: string): Promise<StoredCredentials | null> {
    const [row] = await this.uow.tx().select().from(courierCredentials).where(and(ownerIs(companyId), eq(courierCredentials.courier, courier))).limit(1);
    return row ? this.open(row) : null;
  }

  /**
   * A company's account by its id (system scope: webhooks arrive without a tenant). Null when there is no such company
   * account or its row no longer opens (logged).
   */
  async findAccount(id: string): Promise<StoredCredentials | null> {
    const [row] = await this.uow.tx().select().from(courierCredentials).where(and(eq(courierCredentials.id, id), isNotNull(courierCredentials.companyId))).limit(1);
    if (!row) return null;
    try {
      return this.open(row);
    } catch (error) {
      this.logger.error({ err: error, courier: row.courier, companyId: row.companyId, keyId: row.keyId }, 'courier account credentials do not open (is their key still in ENCRYPTION_KEY?)');
      return null;
    }
  }

  /** The company's own credentials for a courier and the platform's, in one read. */
  async usableBy(companyId: string, courier: string): Promise<{ company: StoredCredentials | null; platform: StoredCredentials | null }> {
    const rows = await this.uow
      .tx()
      .select()
      .from(courierCredentials)
      .where(and(eq(courierCredentials.courier, courier), or(eq(courierCredentials.companyId, companyId), isNull(courierCredentials.companyId))));
    const company = rows.find((r) => r.companyId === companyId);
    const platform = rows.find((r) => r.companyId === null);
    return { company: company ? this.open(company) : null, platform: platform ? this.open(platform) : null };
  }

  /** Every platform-level account (courier → credentials); rows that no longer open are left out and logged. */
  async platformAccounts(): Promise<Map<string, CourierCredentials>> {
    const rows = await this.uow.tx().select().from(courierCredentials).where(isNull(courierCredentials.companyId));
    const accounts = new Map<string, CourierCredentials>();
    for (const row of rows) {
      try {
        accounts.set(row.courier, this.open(row).credentials);
      } catch (error) {
        this.logger.error({ err: error, courier: row.courier }, 'platform courier credentials do not open (is their key still in ENCRYPTION_KEY?)');
      }
    }
    return accounts;
  }

  /** Couriers for which any company stored its own credentials (system scope). */
  async couriersWithCompanyAccounts(): Promise<Set<string>> {
    const rows = await this.uow.tx().selectDistinct({ courier: courierCredentials.courier }).from(courierCredentials).where(sql`${courierCredentials.companyId} is not null`);
    return new Set(rows.map((r) => r.courier));
  }

  /** Replaces the owner's credentials for a courier; returns what was there before (null when nothing). */
  async save(companyId: CredentialOwner, courier: string, credentials: CourierCredentials, userId: string | null): Promise<StoredCredentials | null> {
    const tx = this.uow.tx();
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('couriers.courier_credentials'), hashtext(${`${companyId ?? 'platform'}:${courier}`}))`);
    const before = await this.find(companyId, courier);
    const sealed = this.box.seal(JSON.stringify(credentials), associatedData(companyId, courier));
    const now = this.clock.now();
    const values = { sealed, keyId: this.box.currentKeyId, updatedAt: now, updatedBy: userId };
    if (before) await tx.update(courierCredentials).set(values).where(and(ownerIs(companyId), eq(courierCredentials.courier, courier)));
    else await tx.insert(courierCredentials).values({ id: newId(), companyId, courier, createdAt: now, ...values });
    return before;
  }

  /** Returns what was removed (null when nothing was stored). */
  async remove(companyId: CredentialOwner, courier: string): Promise<StoredCredentials | null> {
    const before = await this.find(companyId, courier);
    if (before) await this.uow.tx().delete(courierCredentials).where(and(ownerIs(companyId), eq(courierCredentials.courier, courier)));
    return before;
  }

  /**
   * Re-seals every row sealed under an older key with the current one (system scope, one batch per transaction).
   * Rows that no longer open (their key was dropped from ENCRYPTION_KEY first) are counted and logged, not changed.
   */
  async resealAll(): Promise<{ resealed: number; unreadable: number }> {
    let resealed = 0;
    let unreadable = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.uow.run({ system: true }, async (tx) => {
        const rows = await tx
          .select()
          .from(courierCredentials)
          .where(and(ne(courierCredentials.keyId, this.box.currentKeyId), gt(courierCredentials.id, after)))
          .orderBy(asc(courierCredentials.id))
          .limit(RESEAL_BATCH);
        for (const row of rows) {
          let plaintext: string;
          try {
            plaintext = this.box.open(row.sealed, associatedData(row.companyId, row.courier));
          } catch (error) {
            unreadable += 1;
            this.logger.error({ err: error, courier: row.courier, companyId: row.companyId, keyId: row.keyId }, 'courier credentials do not open: cannot re-seal them');
            continue;
          }
          const sealed = this.box.seal(plaintext, associatedData(row.companyId, row.courier));
          // The sealed value is compared, so a row changed since it was read keeps the newer credentials.
          const updated = await tx
            .update(courierCredentials)
            .set({ sealed, keyId: this.box.currentKeyId })
            .where(and(eq(courierCredentials.id, row.id), eq(courierCredentials.sealed, row.sealed)))
            .returning({ id: courierCredentials.id });
          resealed += updated.length;
        }
        return rows;
      });
      if (batch.length < RESEAL_BATCH) return { resealed, unreadable };
      after = batch[batch.length - 1].id;
    }
  }

  private open(row: typeof courierCredentials.$inferSelect): StoredCredentials {
    const credentials = JSON.parse(this.box.open(row.sealed, associatedData(row.companyId, row.courier))) as CourierCredentials;
    return { id: row.id, companyId: row.companyId, courier: row.courier, credentials, keyId: row.keyId, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  }
}
