import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import { Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { ServerOptions } from 'socket.io';
import { isClusteredApiProcess } from '../cluster/api-cluster';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config.schema';
import { requestContext } from '../context/request-context';
import { Metrics } from '../metrics/metrics';
import { REDIS } from '../redis/redis';
import { installGracefulShutdown } from '../shutdown/graceful-shutdown';
import { ProblemFilter } from './problem.filter';
import { setupOpenApi } from './openapi';
import { createValidationPipe } from './validation';
import { rememberValidationMetadata } from './validation-metadata-cache';
import { BatchedRedisRateLimitStore } from './rate-limit-store';
import { resolveRouteRateLimits } from './route-rate-limit';
import { securityHeaders } from './security-headers';
import type { LoggerService } from '@nestjs/common';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const UNLIMITED_PATHS = /^\/(health|metrics|docs)([/?]|$)/;

export interface CreateHttpAppOptions {
  logger?: LoggerService | false;
  /** Largest accepted body in bytes (default BODY_LIMIT_BYTES or 1 MiB). */
  bodyLimit?: number;
}

/** Builds the API application exactly as production runs it (tests call this too). */
export async function createHttpApp(rootModule: Type<unknown> | ReturnType<typeof Object>, options: CreateHttpAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false,
    // Only trust X-Forwarded-For from configured proxies, or a client could dodge rate limits with a fake address.
    trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
    bodyLimit: options.bodyLimit ?? Number(process.env.BODY_LIMIT_BYTES ?? 1_048_576),
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      const value = Array.isArray(incoming) ? incoming[0] : incoming;
      return value && REQUEST_ID.test(value) ? value : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as Type<unknown>, adapter, {
    logger: options.logger ?? false,
    bufferLogs: false,
    // Signed webhooks (couriers) are verified over the exact bytes received: keep them as request.rawBody.
    rawBody: true,
    // Reject instead of process.exit(1), so the caller can print the one-line reason (which variable is wrong).
    abortOnError: false,
  });
  await configureHttpApp(app);
  return app;
}

/** Hooks, security headers, CORS, rate limits, validation, problem+json and OpenAPI. */
export async function configureHttpApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get<AppConfig>(APP_CONFIG);
  const metrics = app.get(Metrics);
  const redis = app.get<Redis>(REDIS);
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const logger = new Logger('http');

  // The request line is at info: skip building it when LOG_LEVEL would drop it anyway.
  const logRequests = !['warn', 'error', 'fatal', 'silent'].includes(config.LOG_LEVEL);
  // Helmet's headers are the same for every response: computed once here, set with the request id.
  const headers = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', request.id);
    requestContext.run({ requestId: String(request.id), ip: request.ip, userAgent: request.headers['user-agent'] }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeHttp(request.method, request.routeOptions?.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    if (logRequests && !UNLIMITED_PATHS.test(request.url)) {
      logger.log({ msg: 'request', method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 });
    }
    done();
  });

  if (config.CORS_ORIGINS.length) {
    await app.register(cors as never, {
      origin: config.CORS_ORIGINS.includes('*') ? true : config.CORS_ORIGINS,
      credentials: true,
      exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
    });
  }
  // Counts live in Redis (shared by all processes) but are batched every RATE_LIMIT_SYNC_MS (ADR 0010).
  const limits = BatchedRedisRateLimitStore.plugin({
    redis,
    prefix: `${config.QUEUE_PREFIX}:ratelimit:`,
    syncMs: config.RATE_LIMIT_SYNC_MS,
    logger: new Logger('rate-limit'),
  });
  fastify.addHook('onClose', async () => {
    await Promise.all(limits.instances.map((store) => store.close()));
  });
  resolveRouteRateLimits(fastify, config);
  await app.register(rateLimit as never, {
    global: true,
    store: limits.Store,
    timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    max: (request: FastifyRequest) => (isAuthRoute(request) ? config.RATE_LIMIT_AUTH_MAX : config.RATE_LIMIT_MAX),
    keyGenerator: (request: FastifyRequest) => `${isAuthRoute(request) ? 'auth' : 'api'}:${request.ip}`,
    allowList: (request: FastifyRequest) => UNLIMITED_PATHS.test(request.url),
    skipOnError: true,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string; ttl: number }) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return Object.assign(new Error(`Too many requests; retry in ${seconds} s.`), { statusCode: 429, retryAfter: seconds, rateLimited: true });
    },
  });

  // Uploads (logos, avatars): one file per request; routes pass a tighter fileSize when they read the part.
  await app.register(multipart as never, { limits: { fileSize: 5 * 1_048_576, files: 1, fields: 10, parts: 11, fieldSize: 4096, headerPairs: 100 } });

  rememberValidationMetadata();
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  // Socket.IO gateways share Fastify's HTTP server (their path /socket.io/ is answered before Fastify routes).
  app.useWebSocketAdapter(isClusteredApiProcess() ? new WebSocketOnlyIoAdapter(app) : new IoAdapter(app));
  // SIGTERM: stop accepting, drain in-flight requests, then workers and connections; hard limit SHUTDOWN_TIMEOUT_MS.
  const uninstallShutdown = installGracefulShutdown(app, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  fastify.addHook('onClose', (_instance, done) => {
    uninstallShutdown();
    done();
  });
  setupOpenApi(app);
}

/**
 * Under API_PROCESSES > 1 a client's long-polling requests could reach a process that never saw its handshake
 * (connections are spread without stickiness), so Socket.IO is offered over WebSocket only (ADR 21).
 */
class WebSocketOnlyIoAdapter extends IoAdapter {
  override createIOServer(port: number, options?: ServerOptions): ReturnType<IoAdapter["createIOServer"]> {
    return super.createIOServer(port, { ...options, transports: ['websocket'] } as ServerOptions);
  }
}

function isAuthRoute(request: FastifyRequest): boolean {
  return request.url.startsWith('/v1/auth/');
}

/**
 * TRUST_PROXY: unset/false = no proxy; true = any; a number = that many hops; otherwise a comma list of
 * addresses/CIDRs. Fastify (>= 5.12) treats a bare number as "trust nothing", so hops are passed as the function
 * proxy-addr would build: the first `n` hops from this server are trusted.
 */
export function parseTrustProxy(value: string | undefined): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address: string, hop: number) => hop < hops;
  }
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}
