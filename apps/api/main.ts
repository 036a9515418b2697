import 'reflect-metadata';
import 'dotenv/config';
import cluster from 'node:cluster';
import { NestFactory } from '@nestjs/core';
import { apiProcessCount, createHttpApp, createRootLogger, isClusteredApiProcess, loadConfig, PinoNestLogger, runApiCluster } from '@shipcrowd/platform';
import { rootModule } from './root';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new PinoNestLogger(createRootLogger(config.LOG_LEVEL));
  // Without DATABASE_URL the data lives in an embedded PGlite, which only one process can open:
  // the worker then runs inside this process, and so does all of HTTP.
  const withWorker = process.argv.includes('--with-worker') || !config.DATABASE_URL;
  const processes = config.DATABASE_URL ? apiProcessCount(config.API_PROCESSES) : 1;
  if (!config.DATABASE_URL && apiProcessCount(config.API_PROCESSES) > 1) {
    logger.warn({ msg: 'API_PROCESSES > 1 needs DATABASE_URL (embedded PGlite is single-process): serving HTTP from this one process' }, 'api');
  }

  if (processes > 1 && cluster.isPrimary) {
    // The supervisor: HTTP lives in the forked processes; the queue worker (with --with-worker) runs here, once.
    await runApiCluster({
      processes,
      port: config.PORT,
      logger,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      alongside: withWorker ? () => startWorker(logger) : undefined,
    });
    logger.log({ msg: 'listening', url: `http://localhost:${config.PORT}`, docs: `http://localhost:${config.PORT}/docs`, database: 'postgresql', worker: withWorker, processes }, 'api');
    return;
  }

  const app = await createHttpApp(rootModule({ api: true, worker: withWorker && !isClusteredApiProcess() }), { logger });
  await app.listen({ port: config.PORT, host: config.HOST });
  if (isClusteredApiProcess()) return;
  logger.log({ msg: 'listening', url: `http://localhost:${config.PORT}`, docs: `http://localhost:${config.PORT}/docs`, database: config.DATABASE_URL ? 'postgresql' : `pglite:${config.PGLITE_DATA_DIR}`, worker: withWorker, processes: 1 }, 'api');
}

async function startWorker(logger: PinoNestLogger) {
  const worker = await NestFactory.createApplicationContext(rootModule({ api: false, worker: true }), { logger, abortOnError: false });
  await worker.init();
  logger.log({ msg: 'worker started' }, 'worker');
  return worker;
}

main().catch((error: Error) => {
  // One line that names what is wrong (StartupError/ConfigError name the variable).
  process.stderr.write(`shipcrowd: failed to start: ${error.message}\n`);
  process.exit(1);
});
