import { Module } from '@nestjs/common';
import { SandboxStartup } from '../../infrastructure/sandbox-startup';
import { ServiceabilityModule } from '../../serviceability.module';
import { CoverageUploadProcessor } from './coverage-upload.processor';
import { ServiceabilitySchedules } from './serviceability.schedules';

/** The worker's serviceability jobs: coverage upload processing and the nightly courier delta sync. */
@Module({ imports: [ServiceabilityModule], providers: [CoverageUploadProcessor, ServiceabilitySchedules, SandboxStartup] })
export class ServiceabilityJobsModule {}
