import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, ChangeSignals, REDIS, RevisionCounter } from '@shipcrowd/platform';
import { COVERAGE_CHANGED, CoverageRevision } from '../../application/ports/coverage-revision.port';

/** The revision lives in Redis (`<QUEUE_PREFIX>:serviceability:revision`) so every process sees the same number. */
@Injectable()
export class RedisCoverageRevision extends CoverageRevision {
  private readonly counter: RevisionCounter;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig, signals: ChangeSignals) {
    super();
    this.counter = new RevisionCounter(redis, signals, `${config.QUEUE_PREFIX}:serviceability:revision`, COVERAGE_CHANGED);
  }

  current(): Promise<number> {
    return this.counter.current();
  }

  bump(): Promise<number> {
    return this.counter.bump();
  }
}
