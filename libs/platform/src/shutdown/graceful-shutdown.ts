import { INestApplicationContext, Logger, LoggerService } from '@nestjs/common';

export interface GracefulShutdownOptions {
  /** Hard limit (SHUTDOWN_TIMEOUT_MS): past it the process exits with code 1 whatever is still running. */
  timeoutMs: number;
  logger?: LoggerService;
  signals?: NodeJS.Signals[];
  /** process.exit by default (tests pass a spy). */
  exit?: (code: number) => void;
}

/**
 * On SIGTERM/SIGINT: app.close() (HTTP stops accepting and drains in-flight requests, then the shutdown
 * coordinator drains relay, queues and connections), then exit 0; exit 1 if that takes longer than the
 * timeout or a second signal arrives. Returns a function that removes the signal listeners.
 */
export function installGracefulShutdown(app: INestApplicationContext, options: GracefulShutdownOptions): () => void {
  const logger = options.logger ?? new Logger('shutdown');
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let closing = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ msg: 'second signal during shutdown; exiting now', signal }, 'shutdown');
      exit(1);
      return;
    }
    closing = true;
    logger.log({ msg: 'shutting down', signal, timeoutMs: options.timeoutMs }, 'shutdown');
    const started = Date.now();
    const timer = setTimeout(() => {
      logger.error({ msg: 'shutdown timed out; exiting', timeoutMs: options.timeoutMs }, 'shutdown');
      exit(1);
    }, options.timeoutMs);
    app.close().then(
      () => {
        clearTimeout(timer);
        logger.log({ msg: 'shutdown complete', ms: Date.now() - started }, 'shutdown');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ msg: 'shutdown failed', err: error }, 'shutdown');
        exit(1);
      },
    );
  };

  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.removeListener(signal, onSignal);
  };
}
