import 'reflect-metadata';
import 'dotenv/config';
import { NestFactory } from '@nestjs/core';
import { createRootLogger, installGracefulShutdown, loadConfig, PinoNestLogger } from '@shipcrowd/platform';
import { rootModule } from '../api/root';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL must be set to run the worker as its own process (with PGlite, `npm start` runs it inside the API process)');
  const logger = new PinoNestLogger(createRootLogger(config.LOG_LEVEL));
  const app = await NestFactory.createApplicationContext(rootModule({ api: false, worker: true }), { logger, abortOnError: false });
  // SIGTERM: crons stop, the relay finishes its pass, Bull waits for active jobs, then Redis and the database close.
  installGracefulShutdown(app, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, logger });
  await app.init();
  logger.log({ msg: 'worker started' }, 'worker');
}

main().catch((error: Error) => {
  process.stderr.write(`shipcrowd-worker: failed to start: ${error.message}\n`);
  process.exit(1);
});
