import { Module } from '@nestjs/common';
import { SandboxStartup } from '../../infrastructure/sandbox-startup';
import { ServiceabilityModule } from '../../serviceability.module';
import { AdminServiceabilityController } from './admin-serviceability.controller';
import { ServiceabilityController } from './serviceability.controller';

/** The serviceability HTTP API (the API process imports this; the worker imports ServiceabilityJobsModule). */
@Module({
  imports: [ServiceabilityModule],
  controllers: [ServiceabilityController, AdminServiceabilityController],
  providers: [SandboxStartup],
})
export class ServiceabilityHttpModule {}
