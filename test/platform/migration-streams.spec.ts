import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationStreams, MIGRATIONS_DIR, queryRows } from '@shipcrowd/platform';
import { createTestDatabase } from '@shipcrowd/platform/testing';

describe('migration streams (ADR 0011)', () => {
  it('puts the core stream first, then every context folder that has a journal, alphabetically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streams-'));
    try {
      for (const name of ['pricing', 'orders', 'post', 'meta', 'not-a-stream']) mkdirSync(join(dir, name, 'meta'), { recursive: true });
      for (const name of ['pricing', 'orders']) writeFileSync(join(dir, name, 'meta', '_journal.json'), '{"entries":[]}');
      expect(migrationStreams(dir)).toEqual([
        { folder: dir, table: '__drizzle_migrations' },
        { folder: join(dir, 'orders'), table: '__drizzle_migrations_orders' },
        { folder: join(dir, 'pricing'), table: '__drizzle_migrations_pricing' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies every stream of the repository, each tracked in its own table', async () => {
    const database = await createTestDatabase();
    try {
      // pg_catalog is readable by the application role (the drizzle schema itself is not granted to it).
      const tables = await queryRows<{ name: string }>(database.db, sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'drizzle' and c.relkind = 'r' order by 1`);
      const streams = migrationStreams(MIGRATIONS_DIR);
      expect(tables.map((t) => t.name)).toEqual(streams.map((s) => s.table).sort());
      const schemas = await queryRows<{ name: string }>(database.db, sql`select nspname as name from pg_namespace`);
      for (const stream of streams.slice(1)) expect(schemas.map((s) => s.name)).toContain(stream.table.replace('__drizzle_migrations_', ''));
    } finally {
      await database.close();
    }
  });
});
