import 'reflect-metadata';
import 'dotenv/config';
import { createHttpApp, createRootLogger, loadConfig, PinoNestLogger } from '@shipcrowd/platform';
import { rootModule } from './root';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new PinoNestLogger(createRootLogger(config.LOG_LEVEL));
  // Without DATABASE_URL the data lives in an embedded PGlite, which only one process can open:
  // the worker then runs inside this process.
  const withWorker = process.argv.includes('--with-worker') || !config.DATABASE_URL;
  const app = await createHttpApp(rootModule({ api: true, worker: withWorker }), { logger });
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.log({ msg: 'listening', url: `http://localhost:${config.PORT}`, docs: `http://localhost:${config.PORT}/docs`, database: config.DATABASE_URL ? 'postgresql' : `pglite:${config.PGLITE_DATA_DIR}`, worker: withWorker }, 'api');
}

main().catch((error: Error) => {
  // One line that names what is wrong (StartupError/ConfigError name the variable).
  process.stderr.write(`shipcrowd: failed to start: ${error.message}\n`);
  process.exit(1);
});
