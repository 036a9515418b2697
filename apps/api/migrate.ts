import 'reflect-metadata';
import 'dotenv/config';
import { loadConfig, openDatabase } from '@shipcrowd/platform';

/** `npm run db:migrate`: applies committed migrations to DATABASE_URL (or the embedded PGlite) and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, ownerUrl: config.DATABASE_OWNER_URL, pgliteDataDir: config.PGLITE_DATA_DIR, timeoutMs: config.STARTUP_TIMEOUT_MS });
  await database.close();
  process.stdout.write(`migrations applied (${config.DATABASE_URL ? 'postgresql' : `pglite:${config.PGLITE_DATA_DIR}`})\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`db:migrate failed: ${error.message}\n`);
  process.exit(1);
});
