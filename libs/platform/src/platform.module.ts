import { createSecretKey } from 'node:crypto';
import { BullModule } from '@nestjs/bull';
import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { CLOCK, systemClock } from '@shipcrowd/kernel';
import { AccessTokenVerifier } from './auth/access-token-verifier';
import { AuthExtensions } from './auth/auth-extensions';
import { AuthGuard } from './auth/auth.guard';
import { APP_CONFIG, AppConfig, loadConfig } from './config/config.schema';
import { DATABASE, DatabaseHandle } from './database/database.types';
import { openDatabase } from './database/open-database';
import { UnitOfWork } from './database/unit-of-work';
import { MailModule } from './mail/mail.module';
import { Metrics } from './metrics/metrics';
import { EventSubscribers } from './outbox/event-subscribers';
import { ChangeSignals } from './redis/change-signals';
import { connectRedis, REDIS } from './redis/redis';
import { ShutdownCoordinator } from './shutdown/shutdown-coordinator';

export interface PlatformOptions {
  /** Overrides on top of process.env (tests use this for per-suite databases and queue prefixes). */
  env?: Record<string, string | undefined>;
  /** An already-open database (tests share one per suite). */
  database?: DatabaseHandle;
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
      ChangeSignals,
      Metrics,
      EventSubscribers,
      ShutdownCoordinator,
      AuthExtensions,
      AccessTokenVerifier,
      { provide: APP_GUARD, useClass: AuthGuard },
    ];
    return {
      module: PlatformModule,
      imports: [
        CqrsModule.forRoot(),
        DiscoveryModule,
        // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) createPublicKey() on every verify (~20% of an authenticated request's CPU).
        JwtModule.register({ global: true, secret: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as Buffer, signOptions: { algorithm: 'HS256', expiresIn: config.JWT_ACCESS_TTL_SECONDS } }),
        BullModule.forRoot({ redis: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        MailModule,
      ],
      providers,
      exports: [MailModule, AuthExtensions, AccessTokenVerifier, APP_CONFIG, DATABASE, REDIS, CLOCK, UnitOfWork, ChangeSignals, Metrics, EventSubscribers, JwtModule, CqrsModule, BullModule],
    };
  }
}

