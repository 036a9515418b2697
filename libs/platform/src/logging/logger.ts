import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { requestContext } from '../context/request-context';

/** One JSON logger for the process; each line carries the request id, company and user of the work in hand. */
export function createRootLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  // Asynchronous writes: a log line per request must not block the event loop on stdout (pino flushes on exit).
  const destination = pino.destination({ sync: false });
  return pino({
    level,
    base: { service: 'shipcrowd' },
    redact: { paths: ['req.headers.authorization', 'password', '*.password', 'token', '*.token', 'refreshToken'], remove: true },
    mixin() {
      const ctx = requestContext.get();
      return ctx ? { requestId: ctx.requestId, companyId: ctx.companyId, userId: ctx.userId } : {};
    },
  }, destination);
}

/** Nest's logger interface over pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string, trace?: string): void {
    if (!this.logger.isLevelEnabled(level)) return;
    if (message !== null && typeof message === 'object') {
      this.logger[level]({ context, ...(trace ? { trace } : {}), ...(message as object) });
    } else {
      this.logger[level]({ context, ...(trace ? { trace } : {}) }, String(message));
    }
  }
}
