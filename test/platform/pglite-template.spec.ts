import { PGlite } from '@electric-sql/pglite';
import { withoutStaleWal } from '../../libs/platform/src/testing/test-database';

/** The PGlite test template drops WAL segments a checkpoint made unnecessary; the copy must still open with every row. */
describe('PGlite template dump without stale WAL', () => {
  it('is much smaller and loads with all its data', async () => {
    const source = await PGlite.create();
    await source.query('create table filler (id int primary key, body text not null)');
    // ~70 MB of WAL: several segments, like seeding the reference data does.
    for (let batch = 0; batch < 8; batch += 1) {
      await source.query(`insert into filler select g, repeat(md5(g::text), 40) from generate_series(${batch * 5000 + 1}, ${(batch + 1) * 5000}) g`);
    }
    await source.query('CHECKPOINT');
    const { rows } = await source.query<{ file: string }>('select pg_walfile_name(pg_current_wal_lsn()) as file');
    const full = Buffer.from(await (await source.dumpDataDir('none')).arrayBuffer());
    await source.close();

    const trimmed = withoutStaleWal(full, rows[0].file);
    expect(trimmed.length).toBeLessThan(full.length - 32 * 1024 * 1024);

    const copy = await PGlite.create({ loadDataDir: new Blob([trimmed]) });
    try {
      const [{ n, total }] = (await copy.query<{ n: number; total: number }>('select count(*)::int as n, sum(length(body))::int as total from filler')).rows;
      expect(n).toBe(40_000);
      expect(total).toBe(40_000 * 32 * 40);
      await copy.query("insert into filler values (0, 'still writable')");
    } finally {
      await copy.close();
    }
  }, 120_000);
});
