import { Module } from '@nestjs/common';
import { HealthModule } from '@shipcrowd/platform';

/** Everything the HTTP process serves. PlatformModule (global) is added by the process root. */
@Module({
  imports: [HealthModule],
})
export class ApiModule {}
