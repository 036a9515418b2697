import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from '../auth/decorators';
import { APP_CONFIG, AppConfig } from '../config/config.schema';
import { ApiProblems } from '../http/openapi-decorators';
import { ProblemException } from '../http/problem';
import { isClusteredApiProcess } from '../cluster/api-cluster';
import { clusterMetrics } from './cluster-metrics';
import { Metrics } from './metrics';

@ApiTags('operations')
@Controller('metrics')
@PublicRoute()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Text exposition format. When METRICS_TOKEN is set, send `Authorization: Bearer <METRICS_TOKEN>`. With API_PROCESSES > 1 the answer is the sum over every API process.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: { type: 'string', example: '# HELP outbox_lag_seconds …\noutbox_lag_seconds 0\n' } } } })
  @ApiProblems(401, 503)
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const token = this.config.METRICS_TOKEN;
    if (token && !bearerMatches(authorization, token)) {
      throw new ProblemException(401, 'metrics.unauthorized', 'Send Authorization: Bearer <METRICS_TOKEN>.', { headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } });
    }
    if (isClusteredApiProcess()) {
      const all = await clusterMetrics().catch((error: Error) => {
        throw new ProblemException(503, 'metrics.unavailable', `The API processes' metrics could not be gathered: ${error.message}. Try again.`);
      });
      reply.header('content-type', all.contentType).header('cache-control', 'no-store');
      return all.body;
    }
    const body = await this.metrics.registry.metrics();
    reply.header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store');
    return body;
  }
}

function bearerMatches(authorization: string | undefined, token: string): boolean {
  const [scheme, given] = (authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
