import { DynamicModule, Module, Type } from '@nestjs/common';
import { PlatformModule, PlatformOptions } from '@shipcrowd/platform';
import { WorkerModule } from '../worker/worker.module';
import { ApiModule } from './api.module';

/**
 * The process root: one PlatformModule (one database, one Redis) under the API, the worker, or both.
 * `npm start` runs both in one process, which is what an embedded PGlite needs (it is single-process).
 */
export function rootModule(parts: { api: boolean; worker: boolean }, platform: PlatformOptions = {}): Type<unknown> {
  const imports: (Type<unknown> | DynamicModule)[] = [PlatformModule.forRoot(platform)];
  if (parts.api) imports.push(ApiModule);
  if (parts.worker) imports.push(WorkerModule);
  @Module({ imports })
  class ShipcrowdRoot {}
  return ShipcrowdRoot;
}
