import cluster, { Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { LoggerService } from '@nestjs/common';
import { serveClusterMetrics } from '../metrics/cluster-metrics';

/** API_PROCESSES: a count, or `auto` for one per CPU the OS gives this process. */
export function apiProcessCount(setting: number | 'auto'): number {
  return setting === 'auto' ? availableParallelism() : setting;
}

/** True in an HTTP process forked by the cluster supervisor (its siblings answer on the same port). */
export function isClusteredApiProcess(): boolean {
  return cluster.isWorker && process.env.SHIPCROWD_API_CLUSTER === '1';
}

export interface ApiClusterOptions {
  processes: number;
  /** The HTTP port (PORT): a process counts as up once it listens there (it may listen elsewhere too, e.g. a local mail catcher). */
  port: number;
  logger: LoggerService;
  /** Hard limit for the HTTP processes to drain after SIGTERM (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
  /** Runs in the supervisor after the HTTP processes listen (the queue worker with `--with-worker`); closed last on shutdown. */
  alongside?: () => Promise<{ close(): Promise<void> }>;
  exit?: (code: number) => void;
}

/**
 * The supervisor of API_PROCESSES HTTP processes sharing one port (node:cluster; the OS hands each new connection
 * to one of them). It serves no HTTP itself. Once all have started, a process that dies is replaced (after a pause
 * that grows while they keep dying); one that dies before the cluster ever started stops it with exit code 1, since
 * a bad setting would kill every replacement too. SIGTERM/SIGINT: every HTTP process drains and exits, then the
 * `alongside` part closes, then the supervisor exits.
 */
export async function runApiCluster(options: ApiClusterOptions): Promise<void> {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  let restarts = 0;
  let alongside: { close(): Promise<void> } | undefined;
  const listened = new WeakSet<Worker>();
  const stopMetrics = serveClusterMetrics();

  const fork = () => cluster.fork({ SHIPCROWD_API_CLUSTER: '1' });
  const onHttpPort = (address: { port: number }) => address.port === options.port;
  cluster.on('listening', (worker, address) => {
    if (!onHttpPort(address)) return;
    listened.add(worker);
    restarts = 0;
  });

  let started = false;
  const startup = new Promise<void>((resolve, reject) => {
    let ready = 0;
    const onListening = (_worker: Worker, address: { port: number }) => {
      if (!onHttpPort(address)) return;
      ready += 1;
      if (ready === options.processes) {
        cluster.off('listening', onListening);
        started = true;
        resolve();
      }
    };
    cluster.on('listening', onListening);
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      if (!started && !listened.has(worker)) {
        reject(new Error(`an API process exited before it listened (code ${code ?? signal}); see its message above`));
        return;
      }
      // Once the cluster has started, a replacement that dies too (even before listening) is retried, more slowly each time.
      restarts += 1;
      const pauseMs = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
      logger.error({ msg: 'API process died; replacing it', pid: worker.process.pid, code, signal, pauseMs }, 'cluster');
      setTimeout(() => !stopping && fork(), pauseMs);
    });
  });

  const stopAll = async (reason: string) => {
    stopping = true;
    logger.log({ msg: 'stopping API processes', reason }, 'cluster');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    const hardStop = setTimeout(() => workers.forEach((w) => w.process.kill('SIGKILL')), options.shutdownTimeoutMs + 2_000);
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : (w.once('exit', () => resolve()), w.process.kill('SIGTERM'))))));
    clearTimeout(hardStop);
    stopMetrics();
    if (alongside) await alongside.close().catch((error: unknown) => logger.error({ msg: 'closing the worker failed', err: error }, 'cluster'));
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (!stopping) void stopAll(signal).then(() => exit(0));
    });
  }

  for (let i = 0; i < options.processes; i++) fork();
  try {
    await startup;
  } catch (error) {
    await stopAll('startup failure');
    throw error;
  }
  if (options.alongside) alongside = await options.alongside();
}
