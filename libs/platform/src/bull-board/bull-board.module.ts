import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/config.schema';
import { MetricsModule } from '../metrics/metrics.module';
import { QueueDiscovery } from '../metrics/queue-discovery';
import { BullBoardAuth } from './bull-board.auth';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues for platform admins, outside the Nest router (and so outside the OpenAPI
 * document). Every request must carry a platform-admin access token: `Authorization: Bearer` or the
 * httpOnly cookie that GET /admin/queues/login?token=<jwt> sets so a browser can open the board.
 */
@Injectable()
class BullBoardRegistration implements OnModuleInit {
  private readonly logger = new Logger('bull-board');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueDiscovery,
    private readonly auth: BullBoardAuth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const httpAdapter = this.adapterHost.httpAdapter;
    if (!this.config.BULL_BOARD_ENABLED || !httpAdapter) return;
    const fastify = httpAdapter.getInstance() as FastifyInstance;
    const serverAdapter = new BullBoardFastifyAdapter();
    serverAdapter.setBasePath(BULL_BOARD_PATH);
    createBullBoard({ queues: this.queues.queues().map((q) => new BullAdapter(q)), serverAdapter: serverAdapter as never, options: { uiConfig: { boardTitle: 'Shipcrowd queues' } } });
    const auth = this.auth;
    void fastify.register(
      async (instance) => {
        instance.get('/login', (request, reply) => auth.login(request as FastifyRequest<{ Querystring: { token?: string } }>, reply));
        instance.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
          if (request.routeOptions.url === `${BULL_BOARD_PATH}/login`) return;
          if (!(await auth.guard(request, reply))) return reply;
        });
        await instance.register(serverAdapter.registerPlugin() as never);
      },
      { prefix: BULL_BOARD_PATH },
    );
    this.logger.log({ msg: 'bull board mounted', path: BULL_BOARD_PATH, queues: this.queues.queues().map((q) => q.name) });
  }
}

@Module({ imports: [MetricsModule], providers: [BullBoardAuth, BullBoardRegistration] })
export class BullBoardModule {}
