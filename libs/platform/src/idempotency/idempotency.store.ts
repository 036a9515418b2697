import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../database/database.types';
import { queryRows } from '../database/rows';

/** How long a stored response is replayed; after that the key counts as new. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * An in-progress row older than this belongs to a process that died mid-request (a live request never
 * takes this long): a retry with the same body may then take the key over instead of getting 409 for a day.
 */
export const IDEMPOTENCY_LOCK_SECONDS = 300;

export type BeginResult =
  | { outcome: 'started' }
  | { outcome: 'replay'; status: number; body: unknown }
  | { outcome: 'in_progress' }
  | { outcome: 'key_reused' };

interface KeyRow {
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

/**
 * platform.idempotency_keys, one autocommitted statement at a time: no transaction stays open while the
 * route's handler runs (PGlite has one connection; the handler needs it for its own unit of work).
 * The primary key (scope, key) makes the insert the lock: of two concurrent requests exactly one inserts.
 */
export class IdempotencyStore {
  constructor(private readonly database: DatabaseHandle) {}

  async begin(scope: string, key: string, method: string, path: string, requestHash: string): Promise<BeginResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await queryRows<{ key: string }>(
        this.database.db,
        sql`insert into platform.idempotency_keys as k (scope, key, method, path, request_hash, state, created_at, expires_at)
            values (${scope}, ${key}, ${method}, ${path}, ${requestHash}, 'in_progress', now(), now() + make_interval(secs => ${IDEMPOTENCY_TTL_SECONDS}))
            on conflict (scope, key) do update
              set method = excluded.method, path = excluded.path, request_hash = excluded.request_hash, state = 'in_progress',
                  response_status = null, response_body = null, created_at = excluded.created_at, expires_at = excluded.expires_at
              where k.expires_at <= now()
                 or (k.state = 'in_progress' and k.request_hash = excluded.request_hash
                     and k.created_at < now() - make_interval(secs => ${IDEMPOTENCY_LOCK_SECONDS}))
            returning k.key`,
      );
      if (inserted.length) return { outcome: 'started' };

      const [row] = await queryRows<KeyRow>(
        this.database.db,
        sql`select request_hash, state, response_status, response_body from platform.idempotency_keys
            where scope = ${scope} and key = ${key} and expires_at > now()`,
      );
      // Gone between the two statements (the first request failed and released it, or it just expired): try again.
      if (!row) continue;
      if (row.request_hash !== requestHash) return { outcome: 'key_reused' };
      if (row.state === 'in_progress') return { outcome: 'in_progress' };
      return { outcome: 'replay', status: Number(row.response_status), body: row.response_body ?? undefined };
    }
    return { outcome: 'in_progress' };
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    const json = body === undefined ? null : JSON.stringify(body);
    await this.database.db.execute(
      sql`update platform.idempotency_keys set state = 'completed', response_status = ${status}, response_body = ${json}::jsonb
          where scope = ${scope} and key = ${key} and state = 'in_progress'`,
    );
  }

  /** The handler failed: forget the key so the client may retry with it. */
  async release(scope: string, key: string): Promise<void> {
    await this.database.db.execute(sql`delete from platform.idempotency_keys where scope = ${scope} and key = ${key} and state = 'in_progress'`);
  }

  /** Deletes expired keys; returns how many (a schedule calls this so the table stays small). */
  async purgeExpired(): Promise<number> {
    const rows = await queryRows<{ key: string }>(this.database.db, sql`delete from platform.idempotency_keys where expires_at <= now() returning key`);
    return rows.length;
  }
}
