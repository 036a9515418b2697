import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { sql } from 'drizzle-orm';
import type Redis from 'ioredis';
import { PublicRoute } from '../auth/decorators';
import { ProblemException } from '../http/problem';
import { DATABASE, DatabaseHandle } from '../database/database.types';
import { REDIS } from '../redis/redis';

@ApiTags('operations')
@Controller('health')
@PublicRoute()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up (touches no dependency)' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: database and Redis answer' })
  @ApiOkResponse({ schema: { example: { status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } } } })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down (problem+json `health.not_ready`, with the terminus details)',
    content: { 'application/problem+json': { schema: { example: { type: 'https://shipcrowd.dev/problems/health.not_ready', title: 'Service unavailable', status: 503, code: 'health.not_ready', detail: 'Not ready: redis is down.', info: { database: { status: 'up' } }, error: { redis: { status: 'down', message: 'Connection is closed.' } }, details: {} } } } },
  })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.probe('database', () => this.database.db.execute(sql`select 1`)),
        () => this.probe('redis', () => this.redis.ping()),
      ]);
    } catch (error) {
      const result = (error instanceof ServiceUnavailableException ? error.getResponse() : {}) as Partial<HealthCheckResult>;
      const down = Object.keys(result.error ?? {});
      throw new ProblemException(503, 'health.not_ready', `Not ready: ${down.length ? down.join(', ') : 'a dependency'} ${down.length > 1 ? 'are' : 'is'} down.`, {
        headers: { 'retry-after': '5' },
        info: result.info ?? {},
        error: result.error ?? {},
        details: result.details ?? {},
      });
    }
  }

  private async probe(key: string, check: () => Promise<unknown>) {
    const indicator = this.indicator.check(key);
    try {
      await withTimeout(check(), 2000);
      return indicator.up({ kind: key === 'database' ? this.database.kind : 'redis' });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);
}
