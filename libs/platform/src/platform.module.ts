import { BullModule } from '@nestjs/bull';
import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import type Redis from 'ioredis';
import { CLOCK, systemClock } from '@shipcrowd/kernel';
import { AuthExtensions } from './auth/auth-extensions';
import { AuthGuard } from './auth/auth.guard';
import { APP_CONFIG, AppConfig, loadConfig } from './config/config.schema';
import { DATABASE, DatabaseHandle } from './database/database.types';
import { openDatabase } from './database/open-database';
import { UnitOfWork } from './database/unit-of-work';
import { MailModule } from './mail/mail.module';
import { Metrics } from './metrics/metrics';
import { EventSubscribers } from './outbox/event-subscribers';
import { connectRedis, REDIS } from './redis/redis';

export interface PlatformOptions {
  /** Overrides on top of process.env (tests use this for per-suite databases and queue prefixes). */
  env?: Record<string, string | undefined>;
  /** An already-open database (tests share one per suite). */
  database?: DatabaseHandle;
}

@Injectable()
class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject('PLATFORM_OWNS_DATABASE') private readonly ownsDatabase: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    if (this.ownsDatabase) await this.database.close();
  }
}

/** Config, database, Redis, Bull, unit of work, metrics, JWT and the global auth guard. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions = {}): DynamicModule {
    const config = loadConfig({ ...process.env, ...options.env });
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      {
        provide: DATABASE,
        useFactory: () =>
          options.database ??
          openDatabase({
            url: config.DATABASE_URL,
            ownerUrl: config.DATABASE_OWNER_URL,
            pgliteDataDir: config.PGLITE_DATA_DIR,
            poolMax: config.DATABASE_POOL_MAX,
            timeoutMs: config.STARTUP_TIMEOUT_MS,
          }),
      },
      { provide: 'PLATFORM_OWNS_DATABASE', useValue: !options.database },
      { provide: REDIS, useFactory: () => connectRedis(config.REDIS_URL, config.STARTUP_TIMEOUT_MS) },
      { provide: CLOCK, useValue: systemClock },
      UnitOfWork,
      Metrics,
      EventSubscribers,
      ConnectionsCloser,
      AuthExtensions,
      { provide: APP_GUARD, useClass: AuthGuard },
    ];
    return {
      module: PlatformModule,
      imports: [
        CqrsModule.forRoot(),
        JwtModule.register({ global: true, secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256', expiresIn: config.JWT_ACCESS_TTL_SECONDS } }),
        BullModule.forRoot({ redis: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        MailModule,
      ],
      providers,
      exports: [MailModule, AuthExtensions, APP_CONFIG, DATABASE, REDIS, CLOCK, UnitOfWork, Metrics, EventSubscribers, JwtModule, CqrsModule, BullModule],
    };
  }
}

