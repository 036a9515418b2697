import { randomBytes } from 'node:crypto';
import { DynamicModule, Module, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import Redis from 'ioredis';
import type { DatabaseHandle } from '../database/database.types';
import { createHttpApp } from '../http/create-http-app';
import { PlatformModule } from '../platform.module';
import { createTestDatabase } from './test-database';

export interface TestAppOptions {
  imports: (Type<unknown> | DynamicModule)[];
  /** Extra environment on top of process.env (the suite gets its own queue prefix regardless). */
  env?: Record<string, string>;
}

export interface TestApp {
  app: NestFastifyApplication;
  database: DatabaseHandle;
  queuePrefix: string;
  /** In-process HTTP request (no socket) with JSON convenience. */
  http(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse & { json<T = any>(): T }>;
  get<T>(token: Type<T> | string | symbol): T;
  close(): Promise<void>;
}

/**
 * The production HTTP app on a fresh database and an isolated Redis key prefix.
 * Real PostgreSQL (or PGlite) and real Redis: nothing is mocked.
 */
export async function createTestApp(options: TestAppOptions): Promise<TestApp> {
  const database = await createTestDatabase();
  const queuePrefix = `test-${randomBytes(5).toString('hex')}`;
  const env: Record<string, string> = { QUEUE_PREFIX: queuePrefix, ...options.env };

  @Module({ imports: [PlatformModule.forRoot({ database, env }), ...options.imports] })
  class TestRoot {}

  const app = await createHttpApp(TestRoot, { logger: false, bodyLimit: env.BODY_LIMIT_BYTES ? Number(env.BODY_LIMIT_BYTES) : undefined });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();

  return {
    app,
    database,
    queuePrefix,
    http: async ({ token, headers, ...rest }) => {
      const response = await app.inject({ ...rest, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } } as InjectOptions);
      return response as LightMyRequestResponse & { json<T = any>(): T };
    },
    get: (token) => app.get(token as never),
    close: async () => {
      await app.close();
      await database.close();
      await deleteKeys(`${queuePrefix}*`);
    },
  };
}

async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
